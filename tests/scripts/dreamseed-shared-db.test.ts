import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCli, runCliAsync, startCli, tempHome } from '../helpers/cli.ts';
import { startHolder } from '../helpers/db-holder.ts';

// The embedded database used by several processes at once, through the real CLI.
const home = tempHome();
const dataDir = join(home, 'db');
const founders = (r: CliResult) => (JSON.parse(r.stdout) as { slug: string }[]).map((f) => f.slug);
const sectionsOf = (r: CliResult) =>
  JSON.parse(r.stdout) as { founder: { slug: string }; sections: unknown[] };

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('several dreamseed commands on one embedded database', { timeout: 300_000 }, () => {
  it('db reset prepares the database', () => {
    const reset = runCli(['db', 'reset', '--json'], home);
    expect(reset.code).toBe(0);
  });

  it('two short commands started together both succeed', async () => {
    const [a, b] = await Promise.all([
      runCliAsync(['demo', 'list', '--json'], home),
      runCliAsync(['sections', 'list', '--user', 'bakery', '--json'], home),
    ]);
    expect([a.code, b.code, a.stderr, b.stderr.replace(/^waiting for .*\n/gm, '')]).toEqual([
      0,
      0,
      expect.any(String),
      '',
    ]);
    expect(founders(a)).toContain('bakery');
    expect(sectionsOf(b).sections).toEqual([]);
    // Whichever came second (if they overlapped) said whom it waited for, and nothing else.
    for (const waited of [a.stderr, b.stderr].join('').match(/^waiting for .*$/gm) ?? [])
      expect(waited).toMatch(
        /^waiting for process \d+ \(dreamseed (demo|sections) list .*\) to finish with the database at .*…$/,
      );
  });

  it('commands that find the database busy wait their turn with a progress line, then all succeed', async () => {
    const holder = await startHolder(dataDir, 'hold');
    const first = startCli(['demo', 'list', '--json'], home);
    const second = startCli(['sections', 'list', '--user', 'bakery', '--json'], home);
    const line = `waiting for process ${holder.pid} (`;
    await until(
      () => first.stderr().includes(line) && second.stderr().includes(line),
      'both commands to wait',
    );
    holder.process.kill('SIGTERM');
    const [a, b] = await Promise.all([first.result, second.result]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(founders(a)).toContain('bakery');
    expect(sectionsOf(b).founder.slug).toBe('bakery');
    expect(a.stderr + b.stderr).not.toMatch(/error/i);
    expect(await holder.exited).toBe(0);
  });

  it('while a process shares the database, commands (generate included) run through it at once', async () => {
    const holder = await startHolder(dataDir, 'serve');
    try {
      const status = runCli(['db', 'status', '--json'], home);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout).database).toMatch(
        new RegExp(
          `^embedded PGlite at ${dataDir}, shared by process ${holder.pid} \\(.*db-holder-process\\.ts`,
        ),
      );
      // db reset deletes the data directory: a process sharing it must be stopped first, and is named.
      const reset = runCli(['db', 'reset'], home);
      expect(reset.code).toBe(1);
      expect(reset.stderr).toContain(`in use by process ${holder.pid} `);
      expect(reset.stderr).toContain('which shares it; stop that process first');
      const [list, generated] = await Promise.all([
        runCliAsync(['demo', 'list', '--json'], home),
        runCliAsync(['generate', '--demo', 'bakery', '--json'], home),
      ]);
      expect(list.code).toBe(0);
      expect(list.stderr).toBe('');
      expect(founders(list)).toContain('bakery');
      expect(generated.stderr).not.toMatch(/waiting for|error/i);
      expect(generated.code).toBe(0);
      const summary = JSON.parse(generated.stdout) as { recorded: { website_id: string } | null };
      expect(summary.recorded?.website_id).toBeTruthy();
      // What generate wrote through the holder is in the holder's database.
      const sections = await holder.query(
        'select count(*)::int as n from public.website_sections where website_id = $1',
        [summary.recorded!.website_id],
      );
      expect(sections.rows![0]!.n).toBeGreaterThan(0);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
    // The holder died without cleaning up: the next command takes its stale lock over and opens the database itself.
    const after = runCli(['sections', 'list', '--user', 'bakery', '--json'], home);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
    expect(sectionsOf(after).sections.length).toBeGreaterThan(0);
  });
});
