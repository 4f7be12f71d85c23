/**
 * One database interface for both back ends: embedded PGlite (the default) and a
 * PostgreSQL server (Supabase in production) through the `postgres` driver.
 * Callers never see which one they have, except through `kind`.
 */
export interface Queryable {
  /** One statement with `$1`-style parameters; returns the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations, seed). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Human description for messages: the data directory or the server (without password). */
  readonly description: string;
  /**
   * Other processes' statements wait while this one holds a transaction: an embedded database shared
   * between processes, by its holder or a client (embedded.ts). Hold none open longer than its statements
   * take.
   */
  readonly serialised?: boolean;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
