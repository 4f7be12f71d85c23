import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.ts';
import { demoBundlePath } from '../helpers/demo.ts';

describe('dreamseed generate (subprocess)', { timeout: 240_000 }, () => {
  const home = tempHome();

  it('builds a demo founder from the database, records it, and prints one JSON summary', () => {
    expect(runCli(['db', 'reset'], home).code).toBe(0);
    const r = runCli(['generate', '--demo', 'bakery', '--json'], home);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.template).toMatchObject({ id: 'food-retail' });
    expect(summary.template.reasons.length).toBeGreaterThan(0);
    expect(summary.pages).toContain('/');
    expect(summary.sections.length).toBeGreaterThan(5);
    for (const s of summary.sections) expect(['draft', 'needs_input', 'omitted']).toContain(s.status);
    expect(Object.keys(summary.timings_ms)).toEqual(
      expect.arrayContaining([
        'load dna',
        'select template',
        'write sections',
        'derive brand',
        'build',
        'record',
      ]),
    );
    expect(summary.recorded.sections_written).toBeGreaterThan(0);
    expect(existsSync(join(home, 'sites', 'bakery', 'index.html'))).toBe(true);
    // progress lines went to stderr, one per stage
    expect(r.stderr).toMatch(/✓ build\s+\d+ ms/);

    const again = JSON.parse(runCli(['generate', '--demo', 'bakery', '--json'], home).stdout);
    expect(again.recorded.sections_written).toBe(0);
    expect(again.recorded.sections_kept).toBe(summary.recorded.sections_written);
    expect(again.build_hash).toBe(summary.build_hash);
  });

  it('tells a person where the site is and how to preview it', () => {
    const out = mkdtempSync(join(tmpdir(), 'ds-out-'));
    const r = runCli(['generate', '--dna', demoBundlePath('yoga-studio'), '--out', out], home);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`dreamseed preview`);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('a bad DNA bundle is refused with the key named, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-bad-'));
    const file = join(dir, 'dna.json');
    writeFileSync(
      file,
      JSON.stringify({
        users: { id: '00000000-0000-4000-8000-000000000001', slug: 'x' },
        dream_dna_truth: {},
        colour: 'red',
      }),
    );
    const r = runCli(['generate', '--dna', file], home);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "colour"/);
    writeFileSync(
      file,
      JSON.stringify({
        users: { id: 'nope', slug: 'Bad Slug' },
        dream_dna_truth: { contact_email: 'not-an-email' },
      }),
    );
    const r2 = runCli(['generate', '--dna', file], home);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/users\.id/);
    expect(r2.stderr).toMatch(/users\.slug/);
    expect(r2.stderr).toMatch(/dream_dna_truth\.contact_email/);
    const r3 = runCli(['generate', '--dna', join(dir, 'missing.json')], home);
    expect(r3.code).toBe(2);
  });

  it('an unknown founder or template is a clear error', () => {
    const r = runCli(['generate', '--demo', 'no-such-founder'], home);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No founder "no-such-founder"/);
    const t = runCli(['generate', '--demo', 'bakery', '--template', 'nope'], home);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/no such template/);
  });
});
