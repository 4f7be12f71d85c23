import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * A PostgreSQL server on loopback, for the `postgres://` code path: real
 * Postgres (PGlite, with pgvector as Supabase has it) behind the real wire
 * protocol (pglite-socket), reached by the real `postgres` driver. Debian's
 * PostgreSQL cannot stand in: bookworm has no pgvector package, and the schema
 * needs it. pglite-socket runs one session and serialises transactions across
 * connections, so concurrent work behaves as under SERIALIZABLE.
 */
export interface TestPostgresServer {
  url: string;
  close(): Promise<void>;
}

export async function startPostgresServer(): Promise<TestPostgresServer> {
  const db = await PGlite.create({ extensions: { vector } });
  // More connections than the driver's pool (4) opens, and the CLI subprocesses beside it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const [, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres:unused-password@127.0.0.1:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
