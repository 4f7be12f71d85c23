import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { parseBundle } from '../../generator/dna/bundle-file.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';

/** The header shows the founder's logo whatever its description; the logo stands for the name. */
const catalog = await loadCatalog();
const header = catalog.sections.get('header')!;
const writer = createOfflineWriter();
const LOGO = '00000000-0000-4000-8000-00000000000a';

async function writeHeader(logo: Record<string, unknown> | null) {
  const bundle = parseBundle(
    {
      users: { business_name: 'Café Crème' },
      media_assets: logo ? [{ id: LOGO, asset_category: 'logo', ...logo }] : [],
    },
    '/',
    'test',
  );
  const draft = await writer.write({
    section: header,
    bundle,
    page: '*',
    key: 'header',
    site: { usedSentences: new Set(), pages: [{ href: '/', label: 'Home' }] },
  });
  expect(draft.status).toBe('draft');
  return draft.content as { name: string; logo?: { asset: string; alt: string } };
}

describe('header logo', () => {
  it.each([
    ['without a description', {}],
    ['with a description', { description: 'A crimson swirl on a transparent background' }],
  ])('is shown %s, its alt text the business name', async (_what, logo) => {
    expect((await writeHeader(logo)).logo).toEqual({ asset: LOGO, alt: 'Café Crème' });
  });

  it('is absent when the founder has none', async () => {
    expect((await writeHeader(null)).logo).toBeUndefined();
  });
});
