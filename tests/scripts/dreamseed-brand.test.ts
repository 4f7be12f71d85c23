import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.ts';

/**
 * Palette choice from the command line, on a real database and real builds:
 * `generate --palette N` builds with option N and keeps it; `brand palettes`
 * lists the options with their contrast; `brand choose` stores a pick that the
 * next build uses; a bad N is a usage error (exit 2) that names it.
 */
interface Listing {
  founder: { id: string; slug: string };
  selected: number;
  options: {
    index: number;
    id: string;
    label: string;
    source: { kind: string };
    roles: Record<string, string>;
    selected: boolean;
    contrast: {
      passes: boolean;
      failures: number;
      pairs: { fg: string; bg: string; ratio: number; required: number; pass: boolean }[];
    };
  }[];
}

const primaryOf = (home: string) =>
  readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8').match(
    /--color-primary:(#[0-9a-f]{6})/,
  )?.[1];

describe('dreamseed brand and generate --palette (subprocess)', { timeout: 300_000 }, () => {
  const home = tempHome();

  it('before a build there are no options to list or choose from', () => {
    expect(runCli(['db', 'reset'], home).code).toBe(0);
    for (const args of [
      ['brand', 'palettes', '--user', 'bakery'],
      ['brand', 'choose', '--user', 'bakery', '1'],
    ]) {
      const r = runCli(args, home);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/hint: .*dreamseed generate --user bakery/);
    }
  });

  it('generate --palette N builds with option N, and a later build keeps it', () => {
    const first = runCli(['generate', '--demo', 'bakery', '--palette', '2', '--json'], home);
    expect(first.code, first.stderr).toBe(0);
    const built = JSON.parse(first.stdout).palette;
    expect(built.selected).toBe(2);
    expect(built.options).toHaveLength(3);
    expect(built.roles.primary).toBe(built.options[2].primary);
    expect(built.options[2].primary).not.toBe(built.options[0].primary);
    expect(primaryOf(home)).toBe(built.options[2].primary);

    const later = runCli(['generate', '--demo', 'bakery', '--json'], home);
    expect(later.code, later.stderr).toBe(0);
    expect(JSON.parse(later.stdout).palette.selected).toBe(2);
    expect(primaryOf(home)).toBe(built.options[2].primary);
  });

  it('brand palettes --json lists every option with its roles and contrast, and the pick', () => {
    const r = runCli(['brand', 'palettes', '--user', 'bakery', '--json'], home);
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout) as Listing;
    expect(listing.founder.slug).toBe('bakery');
    expect(listing.founder.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(listing.selected).toBe(2);
    expect(listing.options.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(listing.options.map((o) => o.selected)).toEqual([false, false, true]);
    for (const o of listing.options) {
      expect(o.label.length).toBeGreaterThan(0);
      expect(['asset', 'archetype']).toContain(o.source.kind);
      for (const role of ['primary', 'accent', 'bg', 'surface', 'text', 'link', 'onPrimary'])
        expect(o.roles[role], `${o.id} ${role}`).toMatch(/^#[0-9a-f]{6}$/);
      expect(o.contrast.pairs.length).toBeGreaterThan(10);
      for (const p of o.contrast.pairs) {
        expect(p.pass).toBe(p.ratio >= p.required);
        expect(o.roles[p.fg]).toBeDefined();
      }
      expect(o.contrast.failures).toBe(o.contrast.pairs.filter((p) => !p.pass).length);
      expect(o.contrast.passes).toBe(o.contrast.failures === 0);
    }
    // People get the same options with swatches: a coloured block where colour is shown, hex always.
    const plain = runCli(['brand', 'palettes', '--user', 'bakery'], home);
    expect(plain.code).toBe(0);
    for (const o of listing.options) expect(plain.stdout).toContain(o.roles.primary);
    expect(plain.stdout).not.toContain('\x1b[');
    const coloured = runCli(['brand', 'palettes', '--user', 'bakery'], home, {
      NO_COLOR: '',
      FORCE_COLOR: '3',
    });
    const [r0, g0, b0] = [1, 3, 5].map((i) =>
      Number.parseInt(listing.options[0]!.roles.primary!.slice(i, i + 2), 16),
    );
    expect(coloured.stdout).toContain(`\x1b[48;2;${r0};${g0};${b0}m`);
  });

  it('brand choose stores the pick without building; the next build uses it and keeps it', () => {
    const before = readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8');
    const r = runCli(['brand', 'choose', '--user', 'bakery', '1', '--json'], home);
    expect(r.code, r.stderr).toBe(0);
    const chosen = JSON.parse(r.stdout);
    expect(chosen.selected).toBe(1);
    expect(chosen.option.index).toBe(1);
    // Nothing was rebuilt.
    expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toBe(before);
    expect(
      JSON.parse(runCli(['brand', 'palettes', '--user', 'bakery', '--json'], home).stdout).selected,
    ).toBe(1);

    const next = runCli(['generate', '--demo', 'bakery', '--json'], home);
    expect(next.code, next.stderr).toBe(0);
    const palette = JSON.parse(next.stdout).palette;
    expect(palette.selected).toBe(1);
    expect(primaryOf(home)).toBe(chosen.option.roles.primary);
    expect(JSON.parse(runCli(['generate', '--demo', 'bakery', '--json'], home).stdout).palette.selected).toBe(
      1,
    );
  });

  it('an option number out of range or not a number is a usage error naming the flag (exit 2)', () => {
    for (const [args, named] of [
      [
        ['generate', '--demo', 'bakery', '--palette', '3'],
        /--palette must be a palette option number, 0 to 2; got "3"/,
      ],
      [['generate', '--demo', 'bakery', '--palette', 'teal'], /--palette must be a palette option number/],
      [
        ['brand', 'choose', '--user', 'bakery', '7'],
        /N \(the option number\) must be a palette option number, 0 to 2; got "7"/,
      ],
      [['brand', 'choose', '--user', 'bakery', '1.5'], /N \(the option number\) must be/],
    ] as [string[], RegExp][]) {
      const r = runCli(args, home);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(named);
      expect(r.stderr).toMatch(/hint: .*dreamseed brand palettes --user/);
    }
    // Nothing changed.
    expect(
      JSON.parse(runCli(['brand', 'palettes', '--user', 'bakery', '--json'], home).stdout).selected,
    ).toBe(1);
  });
});
