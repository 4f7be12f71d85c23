import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, tempHome } from '../helpers/cli.ts';
import { copyRepo } from '../helpers/repo-copy.ts';
import { scratchFolders } from '../helpers/scratch.ts';

/**
 * `dreamseed templates list | diff | sync` through the real CLI, in a copy of
 * the repository whose template a designer then edits: the site built before
 * the edit is named by `diff`, `sync` requests its preview rebuild (and only
 * its) through the build queue, and `list` shows the versions. (That such a
 * build never publishes: tests/generator/catalog/template-versions.test.ts.)
 */
const scratch = scratchFolders();
const repo = copyRepo(scratch('dreamseed-templates-repo-'));
const home = tempHome();
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(repo, 'scripts', 'dreamseed.ts'), ...args], {
    cwd: repo,
    env: cliEnv(home),
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const json = <T>(args: string[]): T => {
  const r = cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
let template = '';

beforeAll(() => {
  expect(cli(['db', 'reset']).code).toBe(0);
  const generated = json<{ template: { id: string } }>([
    'generate',
    '--demo',
    'bakery',
    '--writer',
    'offline',
  ]);
  template = generated.template.id;
  expect(json<unknown[]>(['templates', 'sync']).length).toBeGreaterThan(1);
}, 300_000);

describe('dreamseed templates list | diff | sync (subprocess)', { timeout: 240_000 }, () => {
  it('right after a build, no site is stale and sync requests nothing', () => {
    expect(json<unknown[]>(['templates', 'diff', template])).toEqual([]);
    const synced = json<{ id: string; rebuilds: string[] }[]>(['templates', 'sync']);
    expect(synced.flatMap((s) => s.rebuilds)).toEqual([]);
  });

  it('after an edit to the template, diff names the site and sync requests its preview rebuild through the queue', () => {
    const file = join(repo, 'templates', template, 'template.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(
      file,
      `${JSON.stringify({ ...edited, description: `${edited.description} Edited.` }, null, 2)}\n`,
    );
    const before = json<{ id: string; version: string }[]>(['templates', 'list']).find(
      (t) => t.id === template,
    )!;
    const stale = json<{ slug: string; built_version: string; current_version: string }[]>([
      'templates',
      'diff',
      template,
    ]);
    expect(stale.map((s) => s.slug)).toEqual(['bakery']);
    expect(stale[0]!.current_version).toBe(before.version);
    expect(stale[0]!.built_version).not.toBe(before.version);
    const human = cli(['templates', 'diff', template]);
    expect(human.stdout).toMatch(/bakery/);
    expect(human.stderr).toMatch(/1 sites on/);

    const synced = json<{ id: string; changed: boolean; rebuilds: string[] }[]>(['templates', 'sync']);
    expect(synced.find((s) => s.id === template)!.rebuilds).toEqual(['bakery']);
    expect(synced.filter((s) => s.id !== template).flatMap((s) => s.rebuilds)).toEqual([]);
    const jobs = cli(['jobs', '--user', 'bakery', '--json']);
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(jobs.stdout).toContain(template);
    expect(JSON.parse(readFileSync(file, 'utf8')).description).toMatch(/ Edited\.$/);
  });

  it('list shows each template with its version, scores (none yet) and no flag; an unknown id is a usage error', () => {
    const list = json<
      { id: string; version: string; performance: unknown; versions: unknown[]; flagged: boolean }[]
    >(['templates', 'list']);
    const mine = list.find((t) => t.id === template)!;
    expect(mine.version).toMatch(/^[0-9a-f]{16}$/);
    expect(mine.performance).toBeNull();
    expect(mine.flagged).toBe(false);
    expect(cli(['templates', 'diff', 'no-such-template']).code).toBe(2);
  });
});
