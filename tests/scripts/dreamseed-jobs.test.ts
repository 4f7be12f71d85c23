import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCliAsync, startCli, tempHome } from '../helpers/cli.ts';

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The automatic-build commands as a founder's operator uses them, on the
 * embedded database, in subprocesses: `dna show` / `dna set` (validated,
 * clear errors), `jobs` before any worker ran (the change waits, recorded),
 * `worker --until-idle` building it once into the same preview `generate`
 * writes, `jobs` showing what changed and how long it took, `jobs retry`
 * refusing a job that is not dead, and `publish --auto on|off`.
 */
const home = tempHome();
const cli = (args: string[]): Promise<CliResult> => runCliAsync(args, home, { OPENAI_API_KEY: '' });
const json = <T>(r: CliResult): T => JSON.parse(r.stdout) as T;

interface JobsOut {
  jobs: {
    id: string | null;
    slug: string;
    state: string;
    attempts: number;
    changes: Record<string, string[]>;
    duration_ms: number | null;
    build_ms: number | null;
    error: string | null;
  }[];
}

beforeAll(async () => {
  expect((await cli(['db', 'reset'])).code).toBe(0);
  const generated = await cli(['generate', '--demo', 'bakery']);
  expect(generated.code, generated.stderr).toBe(0);
}, 240_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('dna, worker and jobs (subprocess, embedded database)', { timeout: 240_000 }, () => {
  it('dna show lists facts with confidence, validation and readings; --json too', async () => {
    const r = await cli(['dna', 'show', '--user', 'bakery']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/who_serves\s+Neighbours in Federal Hill.*0\.62\s+3 alternatives/);
    const view = json<{ facts: { field: string; confidence: number | null; validated: boolean }[] }>(
      await cli(['dna', 'show', '--user', 'bakery', '--json']),
    );
    expect(view.facts.find((f) => f.field === 'tagline')).toMatchObject({
      confidence: 0.96,
      validated: false,
    });
  });

  it('dna set refuses bad values by field with exit 2, and writes nothing', async () => {
    const r = await cli([
      'dna',
      'set',
      '--user',
      'bakery',
      'founded_year=next year',
      'services=[{"name": "Loaf", "price": "nine"}]',
      'colour=blue',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('founded_year: "next year" is not a number');
    expect(r.stderr).toMatch(/services\.0\.price: /);
    expect(r.stderr).toMatch(/colour: is not a DNA field you can set; the fields are business_name, /);
    const jobs = json<JobsOut>(await cli(['jobs', '--json']));
    expect(jobs.jobs).toEqual([]);
  });

  it('a dna set waits for a worker; the worker builds it once into the preview; jobs shows it', async () => {
    const set = await cli(['dna', 'set', '--user', 'bakery', 'tagline=Bread baked at five, sold by seven.']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain('bakery: Set tagline (validated by the founder; DNA version 2)');
    const waiting = json<JobsOut>(await cli(['jobs', '--json']));
    expect(waiting.jobs).toEqual([
      expect.objectContaining({
        id: null,
        slug: 'bakery',
        state: 'waiting for a worker',
        changes: { field: ['tagline'], reading: ['tagline'] },
      }),
    ]);

    const worker = await cli(['worker', '--until-idle', '--debounce', '0', '--json']);
    expect(worker.code, worker.stderr).toBe(0);
    expect(json(worker)).toMatchObject({ builds: 1, failures: 0 });
    expect(worker.stderr).toMatch(/✓ bakery built in \d+ ms \(field: tagline; reading: tagline; /);
    expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
      'Bread baked at five, sold by seven.',
    );

    const done = json<JobsOut>(await cli(['jobs', '--user', 'bakery', '--json']));
    expect(done.jobs).toHaveLength(1);
    expect(done.jobs[0]).toMatchObject({
      slug: 'bakery',
      state: 'done',
      attempts: 1,
      changes: { field: ['tagline'], reading: ['tagline'] },
      error: null,
    });
    expect(done.jobs[0]!.build_ms).toBeGreaterThan(0);
    expect(done.jobs[0]!.duration_ms).toBeGreaterThanOrEqual(done.jobs[0]!.build_ms!);
    const table = await cli(['jobs']);
    expect(table.stdout).toMatch(/bakery\s+done\s+1\/4\s+field: tagline; reading: tagline/);

    const retry = await cli(['jobs', 'retry', done.jobs[0]!.id!.slice(0, 8)]);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toMatch(/is done: only a dead \(failed\) job can be retried/);
    expect((await cli(['jobs', 'retry', 'zzz'])).code).toBe(2);
  });

  it('while a worker runs, dna set, sections list and generate use the database through it; the worker builds the change', async () => {
    const worker = startCli(['worker', '--debounce', '0'], home, { OPENAI_API_KEY: '' });
    try {
      await until(() => worker.stderr().includes('worker: 1 build slot'), 'the worker to start');
      const [show, set] = await Promise.all([
        cli(['dna', 'show', '--user', 'bakery', '--json']),
        cli(['dna', 'set', '--user', 'bakery', 'tagline=Rye on Tuesdays, spelt on Fridays.']),
      ]);
      expect([show.code, set.code], show.stderr + set.stderr).toEqual([0, 0]);
      // Neither waited for the worker's lock: they ran through it.
      expect(show.stderr + set.stderr).not.toMatch(/waiting for/);
      await until(() => /✓ bakery built in \d+ ms/.test(worker.stderr()), 'the worker to build', 120_000);
      expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
        'Rye on Tuesdays, spelt on Fridays.',
      );
      // sections list and generate run through the worker's database too.
      const [sections, generated] = await Promise.all([
        cli(['sections', 'list', '--user', 'bakery', '--json']),
        cli(['generate', '--demo', 'bakery', '--json']),
      ]);
      expect([sections.code, generated.code], sections.stderr + generated.stderr).toEqual([0, 0]);
      expect(sections.stderr + generated.stderr).not.toMatch(/waiting for/);
      expect(json<{ sections: unknown[] }>(sections).sections.length).toBeGreaterThan(0);
      expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
        'Rye on Tuesdays, spelt on Fridays.',
      );
      const listed = json<JobsOut>(await cli(['jobs', '--user', 'bakery', '--json']));
      expect(listed.jobs[0]).toMatchObject({
        state: 'done',
        changes: { field: ['tagline'], reading: ['tagline'] },
      });
    } finally {
      process.kill(worker.pid, 'SIGTERM');
    }
    const stopped = await worker.result;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toMatch(/worker: stopped after 1 builds/);
  });

  it('publish --auto turns auto-publish on and off without publishing', async () => {
    const on = await cli(['publish', '--auto', 'on', '--user', 'bakery', '--json']);
    expect(on.code, on.stderr).toBe(0);
    expect(json(on)).toEqual({ user: 'bakery', auto_publish: true, target: null });
    const off = await cli(['publish', '--auto', 'off', '--user', 'bakery']);
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('automatic builds refresh the preview only');
    const bad = await cli(['publish', '--auto', 'maybe', '--user', 'bakery']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--auto must be on or off');
    const deploys = await cli(['deploys', '--user', 'bakery', '--json']);
    expect(JSON.stringify(JSON.parse(deploys.stdout))).not.toMatch(/"status":"live"/);
  });

  it('worker builds in child processes on the embedded database (through its socket) or inline; bad flags exit 2', async () => {
    for (const runner of ['process', 'inline']) {
      await cli(['dna', 'set', '--user', 'bakery', `tagline=Built by the ${runner} runner.`]);
      const r = await cli(['worker', '--until-idle', '--debounce', '0', '--runner', runner]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`worker: 1 build slot (${runner}) on embedded PGlite`);
      expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
        `Built by the ${runner} runner.`,
      );
    }
    expect((await cli(['worker', '--until-idle', '--runner', 'elsewhere'])).code).toBe(2);
    expect((await cli(['worker', '--concurrency', 'lots'])).code).toBe(2);
  });
});
