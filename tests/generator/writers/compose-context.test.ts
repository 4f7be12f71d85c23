import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type DnaInput,
  defineSection,
  type SectionDefinition,
} from '../../../generator/catalog/define-section.ts';
import { sentencesOf } from '../../../generator/catalog/grammar.ts';
import { readBundleFile } from '../../../generator/dna/bundle-file.ts';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { createComposeContext, type SiteCopyState } from '../../../generator/writers/compose-context.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

/**
 * The compose context's de-duplication contract: our pattern copy (`text`) never
 * repeats a sentence already on the site; the founder's own words (`verbatim`)
 * are never refused for repeating; `statedOnPage` tells a section what another
 * section of the same page states in full.
 */
const bundle = await readBundleFile(demoBundlePath('food-bank'));

function section(overrides: Partial<SectionDefinition> & { reads: readonly DnaInput[] }): SectionDefinition {
  return defineSection({
    type: 'probe',
    label: 'Probe',
    description: 'A section for testing the compose context.',
    schemaVersion: 1,
    requires: [],
    whenMissing: 'omit',
    placement: 'main',
    schema: z.strictObject({}),
    variants: ['plain'],
    patterns: {},
    compose: () => ({ status: 'ok', content: {} }),
    ...overrides,
  });
}

function site(page?: SiteCopyState['page']): SiteCopyState {
  return { usedSentences: new Set(), pages: [{ href: '/', label: 'Home' }], ...(page ? { page } : {}) };
}

function contextOf(def: SectionDefinition, state: SiteCopyState, dna: DnaBundle = bundle) {
  return createComposeContext(def, dna, state, { used: new Set() }, 'seed');
}

describe('verbatim: the founder’s words', () => {
  const probe = section({ reads: ['services'] });

  it('is shown even when the same sentence is already on the site, as often as the founder gave it', () => {
    const state = site();
    const ctx = contextOf(probe, state);
    const first = ctx.verbatim('Quoted on site and guaranteed', { sentence: true });
    for (const s of sentencesOf('Quoted on site and guaranteed.'))
      expect(state.usedSentences.has(s)).toBe(true);
    expect(first).toBe('Quoted on site and guaranteed.');
    expect(ctx.verbatim('Quoted on site and guaranteed', { sentence: true })).toBe(first);
    // A later section of the site, with the sentence already used, still shows it.
    expect(contextOf(probe, state).verbatim('Quoted on site and guaranteed.')).toBe(first);
  });

  it('is tidied but never reworded, and undefined only when empty or too long to show whole', () => {
    const ctx = contextOf(probe, site());
    expect(ctx.verbatim('  up to three   hours , one location ', { sentence: true })).toBe(
      'Up to three hours, one location.',
    );
    expect(ctx.verbatim('E-RYT 500, Yoga Alliance')).toBe('E-RYT 500, Yoga Alliance');
    expect(ctx.verbatim('   ')).toBeUndefined();
    expect(ctx.verbatim('x'.repeat(41), { max: 40 })).toBeUndefined();
    expect(ctx.verbatim('x'.repeat(40), { max: 40 })).toBe('x'.repeat(40));
  });

  it('is recorded, so that our own copy does not repeat it', () => {
    const state = site();
    const echo = section({
      reads: ['business_name'],
      patterns: { line: ['Quoted on site and guaranteed.'] },
    });
    contextOf(probe, state).verbatim('Quoted on site and guaranteed.');
    expect(contextOf(echo, state).text('line')).toBeUndefined();
  });
});

describe('text: our own copy', () => {
  const probe = section({
    reads: ['business_name', 'location_city'],
    patterns: {
      line: [
        '{{business}} is based in {{location_city}}.',
        'You will find {{business}} in {{location_city}}.',
      ],
    },
  });

  it('never repeats a sentence already on the site: the next pattern, then none', () => {
    const state = site();
    const first = contextOf(probe, state).text('line');
    const second = contextOf(probe, state).text('line');
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(contextOf(probe, state).text('line')).toBeUndefined();
  });

  it('leaves out a fact given as undefined in `data`: patterns naming it are skipped, not printed empty', () => {
    const ctx = contextOf(probe, site());
    expect(ctx.text('line', { data: { location_city: undefined } })).toBeUndefined();
    const withCity = section({
      reads: ['business_name', 'location_city'],
      patterns: { line: ['Based in {{location_city}}.', '{{business}}, a community pantry.'] },
    });
    const out = contextOf(withCity, site()).text('line', { data: { location_city: undefined } });
    expect(out).toBe('Eastside Community Pantry, a community pantry.');
  });
});

describe('statedOnPage: what another section of the page states in full', () => {
  const hero = section({ reads: ['who_serves', 'primary_service'] });
  const audience = section({
    type: 'audience',
    reads: ['who_serves'],
    requires: ['who_serves'],
    states: ['who_serves'],
  });
  const story = section({
    type: 'story',
    reads: ['who_serves', 'founder_story'],
    requires: ['founder_story'],
    states: ['who_serves'],
  });

  it('sees a later section that states the fact, and only on the side it is on', () => {
    const ctx = contextOf(hero, site({ before: [], after: [audience] }));
    expect(ctx.statedOnPage('who_serves', 'after')).toBe(true);
    expect(ctx.statedOnPage('who_serves', 'before')).toBe(false);
    expect(ctx.statedOnPage('primary_service', 'after')).toBe(false);
    expect(
      contextOf(hero, site({ before: [audience], after: [] })).statedOnPage('who_serves', 'before'),
    ).toBe(true);
  });

  it('is false without a page plan, or when the other section cannot be written or the fact is missing', () => {
    expect(contextOf(hero, site()).statedOnPage('who_serves', 'after')).toBe(false);
    const noStory: DnaBundle = { ...bundle, truth: { ...bundle.truth, founder_story: null } };
    expect(
      contextOf(hero, site({ before: [], after: [story] }), noStory).statedOnPage('who_serves', 'after'),
    ).toBe(false);
    const noAudience: DnaBundle = { ...bundle, truth: { ...bundle.truth, who_serves: '  ' } };
    expect(
      contextOf(hero, site({ before: [], after: [audience] }), noAudience).statedOnPage(
        'who_serves',
        'after',
      ),
    ).toBe(false);
  });

  it('refuses a fact the section does not read', () => {
    const ctx = contextOf(section({ reads: ['business_name'] }), site({ before: [], after: [audience] }));
    expect(() => ctx.statedOnPage('who_serves', 'after')).toThrow(/without declaring/);
  });
});

describe('phrase', () => {
  it('lower-cases the service area’s first word mid-sentence, keeping place names', async () => {
    const bakery = await readBundleFile(demoBundlePath('bakery'));
    const probe = section({ reads: ['service_area'] });
    const ctx = contextOf(probe, site(), bakery);
    expect(ctx.phrase('Wholesale delivery within about ten miles of the shop')).toBe(
      'wholesale delivery within about ten miles of the shop',
    );
    expect(ctx.phrase('Providence and the West End')).toBe('Providence and the West End');
  });
});
