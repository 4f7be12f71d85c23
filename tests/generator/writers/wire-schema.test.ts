import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import { briefOf, parseBrief } from '../../../generator/writers/prompt.ts';
import { fromWire, toWire, wireSchema } from '../../../generator/writers/wire-schema.ts';
import { demoBundles } from '../../helpers/demo.ts';
import { strictSchemaProblem } from './loopback-openai.ts';

/** Every section's content schema as a strict structured-output format, and every AI brief. */
const catalog = await loadCatalog();
const sections = [...catalog.sections.values()];
const bundles = [...(await demoBundles()).values()];

describe.each(sections.map((s) => [s.type, s] as const))('section %s', (_type, section) => {
  it('has a response format strict structured outputs accept, and content survives the round trip', async () => {
    const format = zodResponseFormat(wireSchema(section.schema), section.type);
    expect(format.json_schema.strict).toBe(true);
    expect(strictSchemaProblem(format.json_schema.schema as never, '')).toBeNull();
    for (const bundle of bundles) {
      const draft = await createOfflineWriter().write({
        section,
        bundle,
        page: '',
        key: section.type,
        site: {
          usedSentences: new Set(),
          pages: [
            { href: '/', label: 'Home' },
            { href: '/contact/', label: 'Contact' },
          ],
        },
      });
      if (draft.status !== 'draft') continue;
      const wire = toWire(section.schema, draft.content);
      // What the model would send back for this content parses to the same content.
      expect(wireSchema(section.schema).safeParse(wire).success).toBe(true);
      expect(section.schema.parse(fromWire(JSON.parse(JSON.stringify(wire))))).toEqual(draft.content);
    }
  });

  it('has an AI brief that compiles and keeps only fields its schema has (or is offline-only)', () => {
    const brief = briefOf(section);
    if (!brief) return;
    const properties = zodResponseFormat(wireSchema(section.schema), section.type).json_schema
      .schema as Record<string, never>;
    for (const path of brief.keep)
      expect(resolves(properties, path.split('.')), `${section.type} keep ${path}`).toBe(true);
    expect(brief.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

it('the sections that show the founder’s words as given have no AI brief', () => {
  for (const type of ['testimonials', 'credentials', 'faq', 'gallery', 'header', 'footer'])
    expect(briefOf(catalog.sections.get(type)!), type).toBeNull();
  expect(sections.filter((s) => briefOf(s)).length).toBeGreaterThanOrEqual(8);
});

it('a brief with an unknown front-matter line or triple-stash is refused, naming the file', () => {
  expect(() => parseBrief('---\nkeeps: a\n---\nWrite.', 'sections/x/prompt.hbs')).toThrow(
    /sections\/x\/prompt\.hbs[\s\S]*unknown line "keeps: a"/,
  );
  expect(() => parseBrief('Write {{{facts}}}', 'sections/x/prompt.hbs')).toThrow(/triple-stash/);
  expect(parseBrief('---\nkeep: a, b.*.c\n---\nWrite it.', 'x').keep).toEqual(['a', 'b.*.c']);
});

/** Whether a dot path (with `*` for array items) exists in a JSON schema. */
function resolves(schema: Record<string, unknown>, path: string[]): boolean {
  if (path.length === 0) return true;
  const branches = (schema.anyOf as Record<string, unknown>[] | undefined) ?? [schema];
  return branches.some((b) => {
    if (path[0] === '*')
      return b.type === 'array' && resolves(b.items as Record<string, unknown>, path.slice(1));
    const next = (b.properties as Record<string, Record<string, unknown>> | undefined)?.[path[0]!];
    return next !== undefined && resolves(next, path.slice(1));
  });
}
