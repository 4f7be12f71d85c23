import { expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { applyEdits } from '../../../generator/content/section-edit.ts';

/** Founder edits: set or remove fields by path, always validated against the section's schema. */
const catalog = await loadCatalog();
const whoServes = catalog.sections.get('who_serves')!;
const content = { headline: 'Who we serve', statement: 'We bake for Federal Hill.' };

it('sets a field, removes an optional one, and returns schema-valid content', () => {
  expect(applyEdits(whoServes, content, [{ path: 'headline', value: '  Who it is for ' }])).toEqual({
    ...content,
    headline: 'Who it is for',
  });
  const withNote = applyEdits(whoServes, content, [{ path: 'note', value: 'Delivery within ten miles.' }]);
  expect(applyEdits(whoServes, withNote, [{ path: 'note', value: '' }])).toEqual(content);
});

it('fills a section waiting for facts in one edit of several fields; one field alone is refused, naming what is missing', () => {
  expect(() => applyEdits(whoServes, {}, [{ path: 'headline', value: 'Who we serve' }])).toThrow(
    /statement:/,
  );
  expect(
    applyEdits(whoServes, {}, [
      { path: 'headline', value: 'Who we serve' },
      { path: 'statement', value: 'Neighbours of the shop.' },
    ]),
  ).toEqual({ headline: 'Who we serve', statement: 'Neighbours of the shop.' });
});

it('refuses markup, unknown fields, over-long text and paths that are not field paths', () => {
  expect(() => applyEdits(whoServes, content, [{ path: 'statement', value: 'We **bake**.' }])).toThrow(
    /statement: contains markup/,
  );
  expect(() => applyEdits(whoServes, content, [{ path: 'subtitle', value: 'x' }])).toThrow(
    /[Uu]nrecognized key.*subtitle|subtitle/,
  );
  expect(() => applyEdits(whoServes, content, [{ path: 'headline', value: 'x'.repeat(81) }])).toThrow(
    /headline: Too big/,
  );
  expect(() => applyEdits(whoServes, content, [{ path: '__proto__.polluted', value: 'x' }])).toThrow(
    /not a field path/,
  );
  expect(() => applyEdits(whoServes, content, [{ path: 'headline.text', value: 'x' }])).toThrow(
    /headline: is text/,
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('says a required field cannot be emptied, instead of a type error', () => {
  expect(() => applyEdits(whoServes, content, [{ path: 'headline', value: ' ' }])).toThrow(
    expect.objectContaining({
      data: expect.objectContaining({ issues: ['headline: is required, so it cannot be emptied'] }),
    }),
  );
});

it('refuses an image the founder does not have, and takes one they do', () => {
  const hero = catalog.sections.get('hero')!;
  const heroContent = {
    headline: 'Bread baked this morning',
    image: { asset: 'a1b2c3d4-0000-4000-8000-000000000001', alt: 'The counter at opening time' },
  };
  const known = new Set(['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002']);
  expect(() =>
    applyEdits(
      hero,
      heroContent,
      [{ path: 'image.asset', value: '00000000-0000-0000-0000-000000000000' }],
      known,
    ),
  ).toThrow(/"00000000-0000-0000-0000-000000000000" is not one of the founder's images/);
  expect(
    applyEdits(
      hero,
      heroContent,
      [{ path: 'image.asset', value: 'a1b2c3d4-0000-4000-8000-000000000002' }],
      known,
    ),
  ).toMatchObject({ image: { asset: 'a1b2c3d4-0000-4000-8000-000000000002' } });
});
