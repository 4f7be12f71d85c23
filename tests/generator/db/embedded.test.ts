import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbedded } from '../../../generator/db/embedded.ts';
import { lockPathOf, readLockHolder } from '../../../generator/db/lock.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { seededDataDir, startHolder } from '../../helpers/db-holder.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

const scratch = scratchFolders();

describe('opening the embedded database when another process may hold it', { timeout: 120_000 }, () => {
  it('nobody holds it: this process opens it itself and takes the lock (no socket unless it serves)', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-open-'), 'db'));
    const db = await openEmbedded(dataDir, { waitMs: 0 });
    try {
      expect(db.pglite).toBeDefined();
      expect(db.sharing).toBeUndefined();
      expect(db.serialised).toBeFalsy();
      expect(db.description).toBe(`embedded PGlite at ${dataDir}`);
      expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid });
      expect(readLockHolder(dataDir)?.socket).toBeUndefined();
      // The project's start settings reach PostgreSQL (pglite.ts PGLITE_SETTINGS), not initdb's 128MB.
      expect(await db.query('show shared_buffers')).toEqual([{ shared_buffers: '8MB' }]);
      // Opening it a second time from this same process would wait for itself forever: refused at once.
      const again = await openEmbedded(dataDir, { waitMs: 60_000 }).catch((e: unknown) => e);
      expect(isDreamseedError(again) && again.code).toBe('DB_LOCKED');
      expect((again as Error).message).toContain('this process itself');
    } finally {
      await db.close();
    }
    expect(readLockHolder(dataDir)).toBeUndefined();
  });

  it('a holder that does not share: waits with a progress line naming it, then opens it once the holder is gone', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-wait-'), 'db'));
    const holder = await startHolder(dataDir, 'hold');
    expect(holder.socket).toBeNull();
    const lines: string[] = [];
    const opening = openEmbedded(dataDir, { onWait: (line) => lines.push(line), waitMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(lines[0]).toBe(
      `waiting for process ${holder.pid} (${readLockHolder(dataDir)?.command}) to finish with the database at ${dataDir}…`,
    );
    holder.process.kill('SIGTERM');
    const db = await opening;
    try {
      expect(db.pglite).toBeDefined();
      expect(await db.query<{ n: number }>('select count(*)::int as n from public.users')).toEqual([
        { n: 8 },
      ]);
    } finally {
      await db.close();
    }
    expect(await holder.exited).toBe(0);
  });

  it('gives up after waitMs with DB_LOCKED saying how long it waited', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-giveup-'), 'db'));
    const holder = await startHolder(dataDir, 'hold');
    try {
      const lines: string[] = [];
      const started = Date.now();
      const error = await openEmbedded(dataDir, { waitMs: 1_000, onWait: (l) => lines.push(l) }).catch(
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(isDreamseedError(error) && error.code).toBe('DB_LOCKED');
      expect((error as Error).message).toMatch(
        new RegExp(`in use by process ${holder.pid} on .*; waited 1 s for it\\.$`),
      );
      expect(lines).toHaveLength(1);
    } finally {
      holder.process.kill('SIGTERM');
      await holder.exited;
    }
  });

  it('a lock left by a dead process (and its socket) is taken over without waiting', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-stale-'), 'db'));
    const holder = await startHolder(dataDir, 'serve');
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(readLockHolder(dataDir)).toMatchObject({ pid: holder.pid, socket: `${dataDir}.sock` });
    const lines: string[] = [];
    const db = await openEmbedded(dataDir, { waitMs: 0, onWait: (l) => lines.push(l) });
    try {
      expect(db.pglite).toBeDefined();
      expect(lines).toEqual([]);
      expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid });
    } finally {
      await db.close();
    }
  });

  it('serves when asked: the lock names its socket until it closes', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-serve-'), 'db'));
    const db = await openEmbedded(dataDir, { serve: true, waitMs: 0 });
    try {
      expect(db.sharing?.socketPath).toBe(`${dataDir}.sock`);
      expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid, socket: `${dataDir}.sock` });
      expect(db.sharing?.clients()).toEqual([]);
      // Its own transactions make the clients wait (the pipeline holds none through a render).
      expect(db.serialised).toBe(true);
    } finally {
      await db.close();
    }
    expect(readLockHolder(dataDir)).toBeUndefined();
  });

  it('a lock held on another host is waited for, never taken over or connected to', async () => {
    const dataDir = join(scratch('dreamseed-remote-'), 'db');
    writeFileSync(
      lockPathOf(dataDir),
      JSON.stringify({
        pid: 1,
        host: `not-${hostname()}`,
        command: 'dreamseed worker',
        since: 'then',
        socket: '/nope',
      }),
    );
    const lines: string[] = [];
    const error = await openEmbedded(dataDir, { waitMs: 300, onWait: (l) => lines.push(l) }).catch(
      (e: unknown) => e,
    );
    expect(isDreamseedError(error) && error.code).toBe('DB_LOCKED');
    expect(lines[0]).toContain(`process 1 on not-${hostname()} (dreamseed worker)`);
  });
});
