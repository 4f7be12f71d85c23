import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';
import { cliEnv, runCli, tempHome } from '../helpers/cli.ts';

describe('dreamseed db / demo (subprocess)', { timeout: 240_000 }, () => {
  const home = tempHome();

  it('db reset builds a fresh database twice in a row, and demo list shows the founders', () => {
    for (let i = 0; i < 2; i++) {
      const reset = runCli(['db', 'reset', '--json'], home);
      expect(reset.stderr).not.toMatch(/error/i);
      expect(reset.code).toBe(0);
      const out = JSON.parse(reset.stdout) as { applied: string[]; seeded: boolean };
      expect(out.applied.length).toBeGreaterThan(0);
      expect(out.seeded).toBe(true);
    }
    const list = runCli(['demo', 'list', '--json'], home);
    expect(list.code).toBe(0);
    const founders = JSON.parse(list.stdout) as {
      slug: string;
      user_id: string;
      business_name: string;
      archetype: string;
    }[];
    expect(founders.length).toBeGreaterThanOrEqual(8);
    for (const f of founders) {
      expect(f.user_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(f.business_name).toBeTruthy();
      expect(f.archetype).toBeTruthy();
    }
    const table = runCli(['demo', 'list'], home);
    expect(table.stdout).toMatch(/^slug\s+user_id\s+business_name\s+archetype/m);
  });

  it('a command (or the worker) on a database never migrated says so and names the fix (exit 1), then works after db migrate', () => {
    const fresh = tempHome();
    // The worker checks before it starts (it would otherwise fail every job the same way).
    for (const args of [['generate', '--demo', 'bakery'], ['demo', 'list', '--json'], ['worker']]) {
      const r = runCli(args, fresh);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        /^error: The database \(embedded PGlite at .+\) has no schema yet: none of the \d+ migrations is applied\.$/m,
      );
      expect(r.stderr).toMatch(/^hint: Create it: `dreamseed db reset`/m);
      expect(r.stderr).not.toMatch(/service_role|unexpected failure/);
    }
    expect(runCli(['db', 'migrate', '--json'], fresh).code).toBe(0);
    const list = runCli(['demo', 'list', '--json'], fresh);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('db status lists every migration as applied; db migrate then has nothing to do', () => {
    const status = runCli(['db', 'status', '--json'], home);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as { migrations: { state: string }[] };
    expect(parsed.migrations.length).toBeGreaterThan(0);
    expect(parsed.migrations.every((m) => m.state === 'applied')).toBe(true);
    const migrate = runCli(['db', 'migrate', '--json'], home);
    expect(JSON.parse(migrate.stdout).applied).toEqual([]);
  });

  it('a second process waits for the holder of the embedded database, then gives up with a clear error naming it', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
        const { openDatabase } = await import(${JSON.stringify(join(repoRoot, 'generator/db/open.ts'))});
        const db = await openDatabase();
        process.stdout.write('ready\\n');
        setTimeout(async () => { await db.close(); process.exit(0); }, 30000);
      `,
      ],
      { cwd: repoRoot, env: cliEnv(home) },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const second = runCli(['demo', 'list'], home, { DREAMSEED_DB_WAIT: '2' });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`waiting for process ${holder.pid} (`);
      expect(second.stderr).toMatch(new RegExp(`in use by process ${holder.pid} .*; waited 2 s for it`));
      expect(second.stderr).toMatch(/hint: .*DREAMSEED_DB_WAIT sets how many seconds to wait/);
      expect(second.stderr).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((r) => holder.once('exit', r));
    // The holder died without releasing its lock: the next process takes the stale lock over.
    const after = runCli(['demo', 'list', '--json'], home);
    expect(after.code).toBe(0);
  });

  it('usage errors exit 2 with one line saying what is wrong and what to do', () => {
    for (const args of [['bogus'], ['db', 'status', '--nope'], ['db', 'frobnicate'], ['generate']]) {
      const r = runCli(args, home);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^error: .+/);
      expect(r.stderr).toMatch(/dreamseed (--help|generate --demo)/);
    }
  });

  it('an unusable DREAMSEED_DB is a usage error; an unreachable server is a failure (exit 1)', () => {
    const bad = runCli(['demo', 'list'], home, { DREAMSEED_DB: 'mysql://nope' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DREAMSEED_DB');
    const wait = runCli(['demo', 'list'], home, { DREAMSEED_DB_WAIT: 'soon' });
    expect(wait.code).toBe(2);
    expect(wait.stderr).toContain('DREAMSEED_DB_WAIT="soon" must be a number of seconds');
    const down = runCli(['demo', 'list'], home, { DREAMSEED_DB: 'postgres://u:secret@127.0.0.1:1/db' });
    expect(down.code).toBe(1);
    expect(down.stderr).not.toContain('secret');
  });
});
