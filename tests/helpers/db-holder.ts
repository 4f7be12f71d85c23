import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';
import { openPglite } from '../../generator/db/pglite.ts';
import { repoRoot } from '../../generator/paths.ts';

/** Writes the seeded snapshot into `dataDir` (a real data directory, as `db reset` leaves one). */
export async function seededDataDir(dataDir: string): Promise<string> {
  const snapshot = readFileSync(join(inject('dbSnapshots'), 'seeded.tar'));
  const db = await openPglite({ dataDir, loadDataDir: new Blob([snapshot]) });
  await db.close();
  return dataDir;
}

export interface HolderReply {
  rows?: Record<string, unknown>[];
  error?: { code?: string; message: string };
  code?: number | null;
  stdout?: string;
  stderr?: string;
}

/** Another process holding the embedded database (tests/helpers/db-holder-process.ts), driven from the test. */
export interface Holder {
  readonly pid: number;
  readonly socket: string | null;
  readonly description: string;
  readonly process: ChildProcessWithoutNullStreams;
  /** Runs SQL in the holder itself, straight on its PGlite. */
  query(sql: string, params?: unknown[]): Promise<HolderReply>;
  /** Runs `code` (an ES module) in a child process the holder spawns, with its environment. */
  child(code: string): Promise<HolderReply>;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with its exit code once it has exited. */
  readonly exited: Promise<number | null>;
}

export async function startHolder(
  dataDir: string,
  mode: 'serve' | 'hold' = 'serve',
  options: { txIdleMs?: number; env?: Record<string, string> } = {},
): Promise<Holder> {
  const args = [join(repoRoot, 'tests/helpers/db-holder-process.ts'), dataDir, mode];
  if (options.txIdleMs) args.push(String(options.txIdleMs));
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, DREAMSEED_DB: dataDir, ...options.env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waiters = new Map<number, (reply: HolderReply) => void>();
  let nextId = 1;
  const ready = new Promise<{ pid: number; socket: string | null; description: string }>(
    (resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const message = JSON.parse(line) as { ready?: true; id?: number } & HolderReply;
        if (message.ready)
          resolve(message as unknown as { pid: number; socket: string | null; description: string });
        else if (message.id !== undefined) {
          waiters.get(message.id)?.(message);
          waiters.delete(message.id);
        }
      });
      exited.then((code) => reject(new Error(`the holder exited (${code}) before it was ready: ${stderr}`)));
    },
  );
  const info = await ready;
  const send = (command: Record<string, unknown>) =>
    new Promise<HolderReply>((resolve) => {
      const id = nextId++;
      waiters.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ id, ...command })}\n`);
    });
  return {
    ...info,
    process: child,
    query: (sql, params = []) => send({ op: 'query', sql, params }),
    child: (code) => send({ op: 'child', code }),
    stderr: () => stderr,
    exited,
  };
}
