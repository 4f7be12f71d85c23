import { describe, expect, it } from 'vitest';
import { demoFounders, EDGE_CASES, edgeCase, lintCases } from '../../../generator/designers/lint-cases.ts';
import { factFields } from '../../../generator/dna/schema.ts';

/** The DNA lint renders with: every demo founder, then the edge cases, each a valid bundle of its own. */
const factsOf = (truth: Record<string, unknown>) =>
  (factFields as readonly string[]).filter((f) => truth[f] !== undefined && truth[f] !== null);

describe('lint cases', () => {
  it('are the demo founders, then every edge case, with slugs of their own', async () => {
    const cases = await lintCases({});
    expect(cases.map((c) => c.id)).toEqual([...demoFounders(), ...EDGE_CASES.map((e) => `edge:${e}`)]);
    expect(demoFounders().length).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.bundle.user.slug)).size).toBe(cases.length);
    expect((await lintCases({ founders: ['bakery'], edges: false })).map((c) => c.id)).toEqual(['bakery']);
  });

  it('name only holds just the name, sparse lacks the optional facts, both without media', async () => {
    const nameOnly = (await edgeCase('name-only')).bundle;
    expect(factsOf(nameOnly.truth as Record<string, unknown>)).toEqual(['business_name']);
    expect(nameOnly.media).toEqual([]);
    const sparse = (await edgeCase('sparse')).bundle;
    const facts = factsOf(sparse.truth as Record<string, unknown>);
    expect(facts).toContain('business_name');
    for (const optional of ['services', 'testimonials', 'faqs', 'tagline', 'founder_story'])
      expect(facts).not.toContain(optional);
    expect(sparse.media).toEqual([]);
  });

  it('long names, non-English text and emoji reach the name and tagline', async () => {
    const long = (await edgeCase('long-name')).bundle.truth;
    expect(long.business_name!.length).toBeGreaterThan(100);
    expect(long.tagline).toMatch(/\p{L}{40,}/u);
    const foreign = (await edgeCase('non-english')).bundle.truth;
    expect(foreign.business_name).toMatch(/[ñü]/);
    expect(foreign.tagline).toMatch(/\p{Script=Han}|\p{Script=Hiragana}/u);
    const emoji = (await edgeCase('emoji')).bundle.truth;
    expect(emoji.business_name).toMatch(/\p{Extended_Pictographic}/u);
  });
});
