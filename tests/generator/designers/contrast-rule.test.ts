import { describe, expect, it } from 'vitest';
import { contrastProblems, type NamedPalette } from '../../../generator/designers/contrast-rule.ts';

/** Colour pairs in a component's CSS, measured under every palette given. */
const base = {
  bg: '#ffffff',
  surface: '#f4f1ec',
  text: '#1d1b19',
  muted: '#5b5650',
  primary: '#8a2b1d',
  onPrimary: '#ffffff',
  accent: '#6b4a00',
  link: '#8a2b1d',
  border: '#e2ddd5',
  borderStrong: '#7d766d',
  focus: '#8a2b1d',
};
const palettes: NamedPalette[] = [
  { name: 'one', roles: base },
  // The same but with a pale accent: accent text on the page fails only here.
  { name: 'two', roles: { ...base, accent: '#e0c070' } },
];

describe('contrastProblems', () => {
  it('measures a pair drawn in one rule under every palette and names those it fails under', () => {
    const source =
      '<p>x</p>\n<style>\n  .tag { color: var(--color-accent); background: var(--color-bg); }\n</style>';
    const [problem, ...rest] = contrastProblems(source, palettes);
    expect(rest).toEqual([]);
    expect(problem!.line).toBe(3);
    expect(problem!.message).toMatch(
      /accent on bg needs 4\.5:1 but is [\d.]+:1 under 1 of 2 palette options \(two /,
    );
  });

  it('passes guaranteed pairs, pairs that meet their ratio, and rules setting only one colour', () => {
    const source = `<style>
  .a { color: var(--color-on-primary); background: var(--color-primary); }
  .b { color: var(--color-text); background-color: var(--color-surface); }
  .c { color: var(--color-accent); }
  .d { border-color: var(--color-accent); background: var(--color-bg); }
</style>`;
    expect(contrastProblems(source, palettes)).toEqual([]);
  });
});
