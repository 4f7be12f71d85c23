import type { Db as IDatabase } from 'pg-boss';

/**
 * pg-boss on a PGlite-shaped session: the embedded database in this process,
 * or (once the embedded database is shared between processes) a client of the
 * process that holds it. pg-boss sends single statements with parameters, and
 * parameterless scripts that may be `BEGIN; …; COMMIT` blocks. A script runs
 * inside one PGlite transaction, so when it fails it is rolled back before any
 * other statement on the one session can run; pg-boss's own adapter rolls back
 * in a second call, and another caller could slip in between and find the
 * session in an aborted transaction.
 */
interface Rows {
  rows?: unknown[];
}

export interface BossSession {
  query(sql: string, params?: unknown[]): Promise<Rows>;
  transaction<T>(fn: (tx: { exec(sql: string): Promise<Rows[]> }) => Promise<T>): Promise<T>;
  /** In-process LISTEN (PGlite); absent where notifications do not reach this process. */
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

export function bossDatabase(session: BossSession): IDatabase {
  const db: IDatabase = {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return { rows: (await session.query(text, values)).rows ?? [] };
      const results = await session.transaction((tx) => tx.exec(text));
      return { rows: results.flatMap((r) => r.rows ?? []) };
    },
  };
  if (session.listen) {
    const listen = session.listen.bind(session);
    db.listen = async (channel, onNotification, onReconnect) => {
      const unsubscribe = await listen(channel, onNotification);
      onReconnect();
      return { close: () => unsubscribe() };
    };
  }
  return db;
}
