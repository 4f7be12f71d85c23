import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL 15 cluster (Debian's server binaries, no pgvector):
 * the real multi-connection server the queue is shared through. initdb and
 * the server refuse to run as root, so as root they run as the `postgres`
 * system user (the Debian package creates it), in a folder it owns. Trust
 * authentication on 127.0.0.1 only; durability off (a test cluster).
 * `.ci/run` installs `postgresql-15` when the binaries are missing.
 */
export interface Postgres15 {
  url: string;
  close(): Promise<void>;
}

export const PG15_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';

export async function startPostgres15(): Promise<Postgres15> {
  if (!existsSync(join(PG15_BIN, 'initdb')))
    throw new Error(
      `PostgreSQL 15 server binaries are missing in ${PG15_BIN}: apt-get install postgresql-15 (.ci/run does).`,
    );
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dreamseed-pg15-'));
  if (root) {
    const uid = Number(idOf('-u'));
    const gid = Number(idOf('-g'));
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]): SpawnSyncReturns<string> => {
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(PG15_BIN, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(PG15_BIN, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r;
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  try {
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function idOf(flag: '-u' | '-g'): string {
  const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error('Running as root needs the `postgres` system user (apt-get install postgresql-15).');
  return r.stdout.trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
