import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { CHROME_PAGE } from '../../../generator/catalog/slots.ts';
import { decideReuse, type ReuseInput } from '../../../generator/content/reuse-policy.ts';
import type { PreviousSection } from '../../../generator/content/revisions.ts';

/**
 * The reuse policy alone, one row per rule: what a slot's current revision
 * (status, founder edit, hashes, writer, images) and this run (force, upgrade,
 * writer, the founder's files) decide: reuse (and whether stale), or write
 * (why, replacing what, avoiding what), and the warning the founder gets.
 */
const catalog = await loadCatalog();
const hero = catalog.sections.get('hero')!;
const gallery = catalog.sections.get('gallery')!;

const HERO = { headline: 'Fresh bread every morning', image: { asset: 'photo-1', alt: 'The shop front' } };
const GALLERY = {
  heading: 'In pictures',
  images: [
    { asset: 'photo-1', alt: 'The shop front' },
    { asset: 'photo-2', alt: 'A loaf' },
  ],
};

function previous(over: Partial<PreviousSection> = {}): PreviousSection {
  return {
    id: 'rev-1',
    revision: 1,
    type: 'hero',
    status: 'draft',
    content: HERO,
    missing: [],
    dnaHash: 'dna-1',
    inputHash: 'input-1',
    editedByFounder: false,
    writer: 'offline',
    provenance: { writer: 'offline', fields: [] },
    alternatives: [],
    ...over,
  };
}

function input(over: Partial<ReuseInput> = {}): ReuseInput {
  return {
    page: 'about',
    key: 'hero',
    section: hero,
    previous: previous(),
    dnaHash: 'dna-1',
    inputHash: 'input-1',
    writer: 'offline',
    force: false,
    upgrade: true,
    knownAssets: new Set(['photo-1', 'photo-2']),
    ...over,
  };
}

/** An offline fallback: the AI writer's answers for input `input-ai` failed the checks. */
const failedChecks = previous({
  inputHash: 'input-ai',
  provenance: { writer: 'offline', fields: [], fallback: { from: 'openai', reason: 'x', kind: 'checks' } },
});

interface Row {
  name: string;
  given: Partial<ReuseInput>;
  expected: Record<string, unknown>;
  /** The warning; none when left out. */
  warning?: RegExp;
}

const rows: Row[] = [
  {
    name: 'reuses an unchanged draft',
    given: {},
    expected: { kind: 'reuse', reason: 'unchanged', stale: false, previous: previous() },
  },
  {
    name: 'rewrites a draft whose facts changed, replacing it',
    given: { dnaHash: 'dna-2', inputHash: 'input-2' },
    expected: { kind: 'write', reason: 'changed', previous: previous(), avoid: [], override: false },
  },
  {
    name: 'writes a slot that has no current revision',
    given: { previous: undefined },
    expected: { kind: 'write', reason: 'new', previous: null, avoid: [], override: false },
  },
  {
    name: 'writes anew over a revision of another section type',
    given: { previous: previous({ type: 'about' }) },
    expected: { kind: 'write', reason: 'new', previous: null, avoid: [], override: false },
  },
  {
    name: 'keeps approved copy whose facts are unchanged, not stale',
    given: { previous: previous({ status: 'approved' }) },
    expected: { kind: 'reuse', reason: 'kept', stale: false },
  },
  {
    name: 'keeps approved copy whose facts changed, marked stale, and says so',
    given: { previous: previous({ status: 'approved' }), dnaHash: 'dna-2' },
    expected: { kind: 'reuse', reason: 'kept', stale: true, previous: previous({ status: 'approved' }) },
    warning: /^\/about\/ hero is approved but a fact it reads has changed: review it/,
  },
  {
    name: 'keeps founder-edited copy whose facts changed, marked stale',
    given: { previous: previous({ editedByFounder: true }), dnaHash: 'dna-2' },
    expected: { kind: 'reuse', reason: 'kept', stale: true },
    warning: /^\/about\/ hero is edited by the founder but a fact it reads has changed/,
  },
  {
    name: 'keeps approved offline copy when the AI writer writes (no upgrade of approved copy)',
    given: { previous: previous({ status: 'approved' }), writer: 'openai', inputHash: 'input-ai' },
    expected: { kind: 'reuse', reason: 'kept', stale: false },
  },
  {
    name: 'rewrites rejected copy, avoiding the rejected content',
    given: { previous: previous({ status: 'rejected' }) },
    expected: { kind: 'write', reason: 'rejected', avoid: [HERO], override: false },
  },
  {
    name: 'rewrites approved copy the founder asked to regenerate, avoiding it',
    given: { previous: previous({ status: 'approved' }), force: true },
    expected: {
      kind: 'write',
      reason: 'forced',
      previous: previous({ status: 'approved' }),
      avoid: [HERO],
      override: true,
    },
  },
  {
    name: 'writes a forced slot that has no current revision, with nothing to avoid',
    given: { previous: null, force: true },
    expected: { kind: 'write', reason: 'forced', previous: null, avoid: [], override: true },
  },
  {
    name: 'rewrites a draft that no longer fits the section schema, without a warning',
    given: { previous: previous({ content: { headline: '' } }) },
    expected: { kind: 'write', reason: 'unusable', avoid: [], override: true },
  },
  {
    name: 'rewrites approved copy that no longer fits the section schema, and says so',
    given: { previous: previous({ status: 'approved', content: { title: 'Old field' } }) },
    expected: { kind: 'write', reason: 'unusable', override: true },
    warning:
      /^\/about\/ hero: the approved or edited copy no longer fits the section and was rewritten as a draft\.$/,
  },
  {
    name: 'keeps approved copy without an image removed from the founder’s files, stale',
    given: { previous: previous({ status: 'approved' }), knownAssets: new Set(['photo-2']) },
    expected: {
      kind: 'reuse',
      reason: 'kept-without-image',
      stale: true,
      previous: previous({ status: 'approved', content: { headline: HERO.headline } }),
    },
    warning:
      /^\/about\/ hero: an image its approved copy showed is no longer among the founder's files; it is shown without it/,
  },
  {
    name: 'rewrites edited copy that cannot do without its removed image',
    given: {
      key: 'gallery',
      section: gallery,
      previous: previous({ type: 'gallery', content: GALLERY, editedByFounder: true }),
      knownAssets: new Set(['photo-1']),
    },
    expected: { kind: 'write', reason: 'image-removed', avoid: [], override: true },
    warning:
      /^\/about\/ gallery: an image its edited copy showed is no longer among the founder's files, so it was rewritten as a draft\.$/,
  },
  {
    name: 'ignores removed images in a draft (its copy is rewritten only when its facts change)',
    given: { knownAssets: new Set() },
    expected: { kind: 'reuse', reason: 'unchanged', stale: false },
  },
  {
    name: 'reuses an unchanged needs_input section (it has no copy to check)',
    given: { previous: previous({ status: 'needs_input', content: null, missing: ['founder_story'] }) },
    expected: { kind: 'reuse', reason: 'unchanged', stale: false },
  },
  {
    name: 'rewrites a needs_input section whose facts changed',
    given: { previous: previous({ status: 'needs_input', content: null }), dnaHash: 'dna-2' },
    expected: { kind: 'write', reason: 'changed', override: false },
  },
  {
    name: 'upgrades an unchanged offline draft to the AI writer',
    given: { writer: 'openai', inputHash: 'input-ai' },
    expected: { kind: 'write', reason: 'upgrade', previous: previous(), avoid: [], override: false },
  },
  {
    name: 'does not upgrade when upgrades are off (the founder asked for other sections only)',
    given: { writer: 'openai', inputHash: 'input-ai', upgrade: false },
    expected: { kind: 'reuse', reason: 'unchanged' },
  },
  {
    name: 'does not upgrade a fallback whose AI answers failed the checks on the same input',
    given: { writer: 'openai', inputHash: 'input-ai', previous: failedChecks },
    expected: { kind: 'reuse', reason: 'unchanged' },
  },
  {
    name: 'upgrades a fallback that failed the checks on another input (a new prompt or model)',
    given: { writer: 'openai', inputHash: 'input-ai-2', previous: failedChecks },
    expected: { kind: 'write', reason: 'upgrade' },
  },
  {
    name: 'reuses an unchanged draft the AI writer itself wrote',
    given: { writer: 'openai', previous: previous({ writer: 'openai' }) },
    expected: { kind: 'reuse', reason: 'unchanged' },
  },
  {
    name: 'never "upgrades" AI copy to the offline writer',
    given: { writer: 'offline', previous: previous({ writer: 'openai' }) },
    expected: { kind: 'reuse', reason: 'unchanged' },
  },
];

describe('decideReuse', () => {
  it.each(rows)('$name', ({ given, expected, warning }) => {
    const decision = decideReuse(input(given));
    expect(decision).toMatchObject(expected);
    if (warning) expect(decision.warning).toMatch(warning);
    else expect(decision.warning).toBeNull();
  });

  it('names the header and footer by key alone in its warnings', () => {
    const decision = decideReuse(
      input({ page: CHROME_PAGE, key: 'hero', previous: previous({ status: 'approved' }), dnaHash: 'dna-2' }),
    );
    expect(decision.warning).toMatch(/^hero is approved but a fact it reads has changed/);
  });

  it('leaves the previous revision as it was', () => {
    const before = previous({ status: 'approved' });
    const snapshot = structuredClone(before);
    decideReuse(input({ previous: before, knownAssets: new Set() }));
    expect(before).toEqual(snapshot);
  });
});
