import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { DEFAULT_TEMPLATE, selectTemplate, WEIGHTS } from '../../../generator/stages/select-template.ts';
import { demoBundles } from '../../helpers/demo.ts';

const catalog = await loadCatalog();
const bundles = await demoBundles();

describe('template matching', () => {
  it.each([...bundles.keys()])('%s gets the template of its category, with reasons', (slug) => {
    const bundle = bundles.get(slug)!;
    const choice = selectTemplate(catalog, bundle);
    expect(choice.id).toBe(bundle.type?.template_category);
    expect(choice.basis).toBe('type');
    expect(choice.score).toBe(choice.reasons.reduce((s, r) => s + r.weight, 0));
    expect(choice.reasons.find((r) => r.attribute === 'template_category')?.matched).toBe(true);
    expect(choice.ranking[0]!.id).toBe(choice.id);
  });

  it('is deterministic', () => {
    for (const bundle of bundles.values())
      expect(selectTemplate(catalog, bundle)).toEqual(selectTemplate(catalog, bundle));
  });

  it('still matches on vertical, archetype and model type when the category is unknown', () => {
    const bundle = bundles.get('emergency-plumber')!;
    const choice = selectTemplate(catalog, {
      ...bundle,
      type: { ...bundle.type!, template_category: 'something-else' },
    });
    expect(choice.id).toBe('trades-local');
    expect(choice.reasons.find((r) => r.attribute === 'industry_vertical')?.matched).toBe(true);
  });

  it('--template overrides, and an unknown template is a usage error', () => {
    const bundle = bundles.get('bakery')!;
    expect(selectTemplate(catalog, bundle, 'tech-b2b')).toMatchObject({ id: 'tech-b2b', basis: 'override' });
    expect(() => selectTemplate(catalog, bundle, 'no-such-template')).toThrow(/no such template/);
  });

  it('a founder with no type yet gets a sensible template and the fallback is explained', () => {
    const bakery = bundles.get('bakery')!;
    const choice = selectTemplate(catalog, { ...bakery, type: null });
    expect(choice.basis).toBe('fallback');
    expect(choice.id).toBe('food-retail');
    expect(choice.note).toMatch(/No business type yet/);
    const blank = {
      ...bakery,
      type: null,
      truth: { business_name: 'Zeta', field_confidence: {} },
      user: { ...bakery.user, business_type: null },
    };
    const generic = selectTemplate(catalog, blank);
    expect(generic.basis).toBe('fallback');
    expect(generic.note).toMatch(/no industry could be inferred/);
    expect(generic.id).toBe('professional');
  });
});

describe('labels the catalogue does not know', () => {
  const yoga = bundles.get('yoga-studio')!;
  const withType = (type: Record<string, unknown>, extra: Partial<DnaBundle> = {}): DnaBundle => ({
    ...yoga,
    ...extra,
    type: { ...yoga.type!, template_category: null, ...type },
  });

  it('are read as the nearest known value, and each reason says how, keeping the label as given', () => {
    const choice = selectTemplate(
      catalog,
      withType({
        industry_vertical: 'boutique_fitness',
        business_archetype: 'Mentor',
        secondary_archetype: 'craftsman',
        business_model_type: 'b2c',
      }),
    );
    expect(choice.id).toBe('wellness');
    expect(choice.basis).toBe('type');
    const reason = (attribute: string) => choice.reasons.find((r) => r.attribute === attribute);
    expect(reason('industry_vertical')).toEqual({
      attribute: 'industry_vertical',
      value: 'boutique_fitness',
      read_as: 'fitness',
      reading: '`boutique_fitness` read as `fitness` (by the word "fitness")',
      weight: WEIGHTS.vertical,
      matched: true,
    });
    expect(reason('business_archetype')).toMatchObject({ value: 'Mentor', read_as: 'sage', matched: true });
    expect(reason('secondary_archetype')).toMatchObject({
      value: 'craftsman',
      read_as: 'creator',
      matched: false,
    });
    expect(reason('business_model_type')).toMatchObject({
      value: 'b2c',
      read_as: 'b2c_service',
      matched: true,
    });
    expect(choice.note).toContain('`boutique_fitness` read as `fitness`');
    // A known label needs no reading.
    expect(reason('risk_tolerance')).not.toHaveProperty('read_as');
  });

  it('an unknown industry is read through the truth’s industry category or the account’s business type', () => {
    const byCategory = selectTemplate(
      catalog,
      withType(
        { industry_vertical: 'xyzzy' },
        { truth: { ...yoga.truth, industry_category: 'Family law practice' } },
      ),
    );
    expect(byCategory.reasons.find((r) => r.attribute === 'industry_vertical')).toMatchObject({
      value: 'xyzzy',
      read_as: 'legal',
      reading: expect.stringContaining('from the industry category ("law")'),
    });
  });

  it('a label nothing fits is kept, scores nothing, and the fallback note says why', () => {
    const choice = selectTemplate(catalog, {
      ...yoga,
      truth: { ...yoga.truth, industry_category: null, primary_service: null },
      user: { ...yoga.user, business_type: null },
      type: {
        business_archetype: 'guardian',
        industry_vertical: 'xyzzy',
        business_model_type: 'subscription',
      },
    });
    expect(choice.basis).toBe('fallback');
    expect(choice.id).toBe(DEFAULT_TEMPLATE);
    expect(choice.reasons.map((r) => r.attribute).sort()).toEqual([
      'business_archetype',
      'business_model_type',
      'industry_vertical',
    ]);
    expect(choice.reasons.every((r) => !r.matched && r.read_as === null)).toBe(true);
    expect(choice.note).toMatch(/No template matched this business type/);
    expect(choice.note).toContain('`guardian` is not a known business_archetype');
    expect(choice.note).toContain('`xyzzy` is not a known industry_vertical');
    expect(choice.note).toContain('`subscription` is not a known business_model_type');
  });
});
