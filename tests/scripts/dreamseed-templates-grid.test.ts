import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, tempHome } from '../helpers/cli.ts';
import { copyRepo } from '../helpers/repo-copy.ts';
import { scratchFolders } from '../helpers/scratch.ts';

/**
 * `dreamseed templates grid`, on one template and two demo founders (to keep
 * it quick), in a git copy of the repository: the contact sheet, its JSON and
 * a screenshot per cell and width; then, after a visible edit to a section,
 * `--against HEAD` builds the unedited revision and flags the changed cells
 * with their pixel counts.
 */
const scratch = scratchFolders();
const repo = copyRepo(scratch('dreamseed-grid-repo-'), { git: true });
const home = tempHome();
type Grid = {
  sheet: string;
  cells: {
    template: string;
    founder: string;
    error: string | null;
    changed: boolean;
    bytes: { home_html: number; total: number } | null;
    lint: { id: string; severity: string; file: string }[];
    shots: Record<
      'phone' | 'desktop',
      { after: string | null; before: string | null; diff: { changed_pixels: number } | null }
    >;
  }[];
  against: { rev: string; commit: string } | null;
  timings_ms: Record<string, number>;
};

function grid(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [join(repo, 'scripts', 'dreamseed.ts'), 'templates', 'grid', ...args],
    {
      cwd: repo,
      env: cliEnv(home),
      encoding: 'utf8',
      timeout: 400_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const out = join(home, 'sheet');
let first: Grid;

beforeAll(() => {
  const r = grid(['wellness', '--founders', 'yoga-studio,bakery', '--out', out, '--json']);
  expect(r.code, r.stderr).toBe(0);
  first = JSON.parse(r.stdout);
}, 420_000);

describe('dreamseed templates grid (subprocess)', { timeout: 420_000 }, () => {
  it('writes the contact sheet, its JSON and a screenshot per cell and width', async () => {
    expect(first.cells.map((c) => `${c.template}/${c.founder}`)).toEqual([
      'wellness/yoga-studio',
      'wellness/bakery',
    ]);
    expect(first.sheet).toBe(join(out, 'index.html'));
    const sheet = readFileSync(first.sheet, 'utf8');
    expect(JSON.parse(readFileSync(join(out, 'grid.json'), 'utf8')).cells).toHaveLength(2);
    for (const cell of first.cells) {
      expect(cell.error).toBeNull();
      expect(cell.bytes!.home_html).toBeGreaterThan(1000);
      expect(cell.bytes!.total).toBeGreaterThan(cell.bytes!.home_html);
      for (const [viewport, width] of [
        ['phone', 390],
        ['desktop', 1280],
      ] as const) {
        const shot = cell.shots[viewport].after!;
        expect(existsSync(join(out, shot))).toBe(true);
        expect(sheet).toContain(`src="${shot}"`);
        const meta = await sharp(join(out, shot)).metadata();
        expect(meta.width).toBe(width);
        expect(meta.height).toBeGreaterThan(800); // the full page
      }
      // Every lint finding of the cell is in its row.
      for (const f of cell.lint) expect(sheet).toContain(f.id);
    }
    expect(sheet).toMatch(/lint: no findings|class="lint"/);
    expect(sheet).not.toContain('<script');
    expect(first.against).toBeNull();
  });

  it('--against HEAD flags the cells a visible edit changed, with pixel counts, and not the others', () => {
    // A visible change in a component every wellness page shows.
    const footer = join(repo, 'sections', 'footer', 'simple.astro');
    const text = readFileSync(footer, 'utf8');
    expect(text).toContain('border-top: 4px solid');
    writeFileSync(footer, text.replace('border-top: 4px solid', 'border-top: 40px solid'));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    // food-retail uses the `columns` footer: unchanged.
    const r = grid([
      'wellness',
      'food-retail',
      '--founders',
      'bakery',
      '--out',
      out,
      '--against',
      'HEAD',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout) as Grid;
    expect(g.against).toEqual({ rev: 'HEAD', commit: head });
    const cell = g.cells.find((c) => c.template === 'wellness');
    const same = g.cells.find((c) => c.template === 'food-retail')!;
    expect(cell!.changed).toBe(true);
    expect(same.changed).toBe(false);
    expect(same.shots.desktop.diff!.changed_pixels).toBe(0);
    for (const v of ['phone', 'desktop'] as const) {
      expect(cell!.shots[v].before).toBeTruthy();
      expect(cell!.shots[v].diff!.changed_pixels).toBeGreaterThan(0);
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/class="changed/);
    process.stderr.write(`templates grid: ${JSON.stringify(g.timings_ms)}\n`);
  });

  it('an unknown template or founder, or a revision that does not exist, is a usage error', () => {
    expect(runCli(['templates', 'grid', 'no-such-template'], home).code).toBe(2);
    expect(runCli(['templates', 'grid', 'wellness', '--founders', 'nobody'], home).code).toBe(2);
    const bad = runCli(['templates', 'grid', 'wellness', '--against', 'no-such-rev-xyz'], home);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--against/);
  });
});
