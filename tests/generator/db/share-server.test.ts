import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../generator/db/database.ts';
import { type EmbeddedDatabase, openEmbedded } from '../../../generator/db/embedded.ts';
import { lockPathOf, readLockHolder } from '../../../generator/db/lock.ts';
import { socketPathFor } from '../../../generator/db/share-server.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { type Holder, seededDataDir, startHolder } from '../../helpers/db-holder.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

// The holder is another process with its own PGlite; this test process is its client.
const scratch = scratchFolders();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROLLBACK = new Error('roll back');

async function rolledBack(db: EmbeddedDatabase, fn: (tx: Queryable) => Promise<void>): Promise<void> {
  await expect(
    db.transaction(async (tx) => {
      await fn(tx);
      throw ROLLBACK;
    }),
  ).rejects.toBe(ROLLBACK);
}

const ids = async (q: Queryable) =>
  (await q.query<{ id: number }>('select id from share_probe order by id')).map((r) => r.id);

describe('a process sharing the embedded database, and its clients in other processes', {
  timeout: 120_000,
}, () => {
  let dataDir: string;
  let holder: Holder;
  const clients: EmbeddedDatabase[] = [];
  const client = async () => {
    const db = await openEmbedded(dataDir, { waitMs: 0 });
    clients.push(db);
    return db;
  };

  beforeAll(async () => {
    dataDir = await seededDataDir(join(scratch('dreamseed-share-'), 'db'));
    holder = await startHolder(dataDir, 'serve', { txIdleMs: 4_000 });
    const created = await holder.query('create table share_probe (id int primary key, note text)');
    expect(created.error).toBeUndefined();
  });

  afterAll(async () => {
    for (const db of clients) await db.close();
    holder?.process.kill('SIGTERM');
    await holder?.exited;
  });

  it('records its socket in the lock file; the socket is private to this user (0600)', () => {
    expect(holder.socket).toBe(`${dataDir}.sock`);
    expect(readLockHolder(dataDir)).toMatchObject({ pid: holder.pid, socket: holder.socket });
    expect(statSync(holder.socket!).mode & 0o777).toBe(0o600);
  });

  it('a command opening the database connects to the holder instead of failing or waiting', async () => {
    const db = await client();
    expect(db.kind).toBe('pglite');
    expect(db.pglite).toBeUndefined();
    expect(db.sharedBy?.pid).toBe(holder.pid);
    // Its transactions make the holder and the other clients wait: the pipeline holds none through a render.
    expect(db.serialised).toBe(true);
    expect(db.description).toContain(`embedded PGlite at ${dataDir}, shared by process ${holder.pid}`);
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from public.users');
    expect(row!.n).toBeGreaterThanOrEqual(8);
  });

  it("the holder's own query waits for a client's transaction and never runs inside it", async () => {
    const db = await client();
    let holderDone = false;
    let pending: ReturnType<Holder['query']> | undefined;
    await rolledBack(db, async (tx) => {
      await tx.query(`insert into share_probe values (1, 'client, rolled back')`);
      pending = holder.query(`insert into share_probe values (2, 'holder')`).then((reply) => {
        holderDone = true;
        return reply;
      });
      await sleep(600);
      expect(holderDone).toBe(false);
      expect(await ids(tx)).toEqual([1]);
    });
    expect((await pending!).error).toBeUndefined();
    expect(await ids(db)).toEqual([2]);
    expect((await holder.query('select id from share_probe order by id')).rows).toEqual([{ id: 2 }]);
  });

  it("one client's rolled-back write is invisible to another, and the other's statement waits for the transaction", async () => {
    const [a, b] = [await client(), await client()];
    let bDone = false;
    let pending: Promise<unknown> | undefined;
    await rolledBack(a, async (tx) => {
      await tx.query(`insert into share_probe values (3, 'a, rolled back')`);
      pending = b.query(`insert into share_probe values (4, 'b')`).then(() => (bDone = true));
      await sleep(400);
      expect(bDone).toBe(false);
    });
    await pending;
    await a.transaction(async (tx) => {
      await tx.query(`insert into share_probe values (5, 'a, committed')`);
    });
    expect(await ids(b)).toEqual([2, 4, 5]);
    expect(await ids(a)).toEqual([2, 4, 5]);
  });

  it('a failing statement in a client transaction rolls it back and reports the PostgreSQL error', async () => {
    const db = await client();
    const failed = await db
      .transaction(async (tx) => {
        await tx.query(`insert into share_probe values (6, 'before the failure')`);
        await tx.query(`insert into share_probe values (2, 'duplicate')`);
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: '23505', constraint: 'share_probe_pkey', table: 'share_probe' });
    expect(await ids(db)).toEqual([2, 4, 5]);
  });

  it('a client killed inside its transaction: the holder rolls it back and the others go on', async () => {
    const code = `
      const { openEmbedded } = await import(${JSON.stringify(join(repoRoot, 'generator/db/embedded.ts'))});
      const db = await openEmbedded(${JSON.stringify(dataDir)}, { waitMs: 0 });
      await db.transaction(async (tx) => {
        await tx.query("insert into share_probe values (7, 'killed')");
        process.stdout.write('inside\\n');
        await new Promise(() => {});
      });`;
    const victim = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot });
    await new Promise<void>((resolve, reject) => {
      victim.stdout.on('data', (d: Buffer) => d.toString().includes('inside') && resolve());
      victim.once('exit', (c) => reject(new Error(`the client exited (${c}) before its transaction`)));
    });
    const db = await client();
    const waiting = db.query(`insert into share_probe values (8, 'after the kill')`);
    await sleep(300);
    victim.kill('SIGKILL');
    await waiting;
    expect(await ids(db)).toEqual([2, 4, 5, 8]);
  });

  it('a transaction left idle is rolled back after the idle timeout, and the others are not stuck behind it', async () => {
    const db = await client();
    const other = await client();
    const failure = await db
      .transaction(async (tx) => {
        await tx.query(`insert into share_probe values (9, 'idle')`);
        const behind = other.query(`insert into share_probe values (10, 'behind the idle one')`);
        await sleep(5_500); // the holder runs with a 4 s idle timeout
        await behind;
        await tx.query('select 1');
      })
      .catch((error: unknown) => error);
    expect(isDreamseedError(failure) && failure.code).toBe('DB_TRANSACTION_IDLE');
    expect(await ids(db)).toEqual([2, 4, 5, 8, 10]);
  });

  it("a client's script with its own BEGIN that fails cannot leave the shared session in a transaction", async () => {
    const db = await client();
    const failed = await db
      .exec(`begin; insert into share_probe values (11, 'script'); select 1 / 0; commit;`)
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: '22012' });
    // In-process PGlite would now be stuck in an aborted transaction; the shared session is not.
    expect(
      (await holder.query(`insert into share_probe values (12, 'holder, after')`)).error,
    ).toBeUndefined();
    await db.exec(`begin; insert into share_probe values (13, 'script'); commit;`);
    await db.query('vacuum share_probe'); // refuses a transaction block: runs as it is
    expect(await ids(await client())).toEqual([2, 4, 5, 8, 10, 12, 13]);
  });

  it('a child process the holder spawns reaches the database through the same socket', async () => {
    const result = await holder.child(`
      const { openDatabase } = await import(${JSON.stringify(join(repoRoot, 'generator/db/open.ts'))});
      const db = await openDatabase();
      const rows = await db.query('select count(*)::int as n from share_probe');
      process.stdout.write(JSON.stringify({ description: db.description, rows }));
      await db.close();`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout!) as { description: string; rows: { n: number }[] };
    expect(out.description).toContain(`shared by process ${holder.pid}`);
    expect(out.rows).toEqual([{ n: 7 }]);
  });
});

describe('shutting the holder down (SIGTERM)', { timeout: 120_000 }, () => {
  it('lets a connected client finish its transaction, then closes, removing its socket and lock', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-share-stop-'), 'db'));
    const holder = await startHolder(dataDir, 'serve');
    const db = await openEmbedded(dataDir, { waitMs: 0 });
    await db.transaction(async (tx) => {
      await tx.query('create table stop_probe (id int)');
      holder.process.kill('SIGTERM');
      await sleep(500);
      await tx.query('insert into stop_probe values (1)');
    });
    expect(await db.query('select id from stop_probe')).toEqual([{ id: 1 }]);
    await db.close();
    expect(await holder.exited).toBe(0);
    expect(holder.stderr()).toContain(`waiting for process ${process.pid}`);
    expect(existsSync(holder.socket!)).toBe(false);
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
    // The committed row is there when the database is next opened, by this process itself.
    const own = await openEmbedded(dataDir, { waitMs: 0 });
    try {
      expect(own.pglite).toBeDefined();
      expect(await own.query('select id from stop_probe')).toEqual([{ id: 1 }]);
    } finally {
      await own.close();
    }
  });
});

describe('shutting the holder down while a client stays connected', { timeout: 120_000 }, () => {
  it('cuts the client off after the grace period; its next statement gets DB_HOLDER_GONE', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-share-grace-'), 'db'));
    const holder = await startHolder(dataDir, 'serve'); // closeGraceMs 5 s
    const db = await openEmbedded(dataDir, { waitMs: 0 });
    try {
      await db.query('select 1');
      const stopping = Date.now();
      holder.process.kill('SIGTERM');
      expect(await holder.exited).toBe(0);
      expect(Date.now() - stopping).toBeGreaterThanOrEqual(4_500);
      expect(holder.stderr()).toMatch(
        /waiting for process \d+ \(.*\) to finish with the database \(up to 5 s\)…/,
      );
      expect(existsSync(lockPathOf(dataDir))).toBe(false);
      const error = await db.query('select 1').catch((e: unknown) => e);
      expect(isDreamseedError(error) && error.code).toBe('DB_HOLDER_GONE');
      expect((error as Error).message.startsWith(`process ${holder.pid} (\``)).toBe(true);
      expect(
        (error as Error).message.endsWith(`, which shared the embedded database at ${dataDir}, went away.`),
      ).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe('where the socket lives', () => {
  it('beside the data directory, or in a private temp folder when that path is too long for a unix socket', () => {
    expect(socketPathFor('/home/me/site/.dreamseed/db')).toBe('/home/me/site/.dreamseed/db.sock');
    const deep = `/home/me/${'very-long-folder-name/'.repeat(6)}.dreamseed/db`;
    const path = socketPathFor(deep);
    expect(path).toMatch(new RegExp(`^${tmpdir()}/dreamseed-${userInfo().uid}/[0-9a-f]{20}\\.sock$`));
    expect(Buffer.byteLength(path)).toBeLessThan(100);
    expect(socketPathFor(deep)).toBe(path);
    expect(socketPathFor(`${deep}2`)).not.toBe(path);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });
});
