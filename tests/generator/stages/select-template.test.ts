import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { selectTemplate } from '../../../generator/stages/select-template.ts';
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
