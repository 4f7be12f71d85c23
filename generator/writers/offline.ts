import type { DnaInput } from '../catalog/define-section.ts';
import { checkGrounding } from '../content/grounding.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';
import { createComposeContext, type SiteCopyState } from './compose-context.ts';
import type { FieldProvenance, SectionDraft, WriteRequest, Writer } from './writer.ts';

/**
 * The offline writer (the default): deterministic copy from the section's own
 * Handlebars patterns and the founder's facts. No network, no randomness — the
 * same DNA always gives the same words. Asked to avoid earlier copy (the founder
 * rejected it), it tries the patterns in other deterministic orders and keeps
 * the wording that differs most from it.
 */
const VARIATIONS = 6;

export function createOfflineWriter(): Writer {
  return {
    name: 'offline',
    identity: () => ({ writer: 'offline', model: null, promptVersion: null }),
    async write(request: WriteRequest): Promise<SectionDraft> {
      if (!request.avoid?.length) return writeOnce(request, 0);
      // Of the wordings the patterns allow, the one that changes the most of what was rejected (an added
      // eyebrow under the same headline is hardly different copy); the earliest among equals.
      let best: { draft: SectionDraft; site: SiteCopyState; changed: number } | undefined;
      for (let variation = 1; variation <= VARIATIONS; variation++) {
        const site = copySite(request.site);
        const draft = await writeOnce({ ...request, site }, variation);
        if (draft.status !== 'draft') {
          adoptSite(request.site, site);
          return draft;
        }
        const changed = Math.min(...request.avoid.map((old) => changedTexts(old, draft.content)));
        if (!best || changed > best.changed) best = { draft, site, changed };
      }
      adoptSite(request.site, best!.site);
      return best!.draft;
    },
  };
}

/** How many texts of the content differ from the earlier copy's (changed, added or gone), by path. */
export function changedTexts(before: unknown, after: unknown): number {
  const a = texts(before);
  const b = texts(after);
  let n = 0;
  for (const path of new Set([...a.keys(), ...b.keys()])) if (a.get(path) !== b.get(path)) n++;
  return n;
}

function texts(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) texts(v, `${path}.${k}`, out);
  return out;
}

async function writeOnce(request: WriteRequest, variation: number): Promise<SectionDraft> {
  const { section, bundle } = request;
  const tracking = { used: new Set<DnaInput>() };
  const missingRequired = section.requires.filter((input) => !hasInput(bundle, input));
  if (missingRequired.length) return notWritten(section.whenMissing, missingRequired, tracking.used, bundle);

  const ctx = createComposeContext(
    section,
    bundle,
    request.site,
    tracking,
    `${bundle.user.id}:${request.page}${variation ? `:v${variation}` : ''}`,
  );
  const result = section.compose(ctx);
  if (result.status === 'missing')
    return notWritten(section.whenMissing, result.missing, tracking.used, bundle);

  const parsed = section.schema.safeParse(result.content);
  const problems: string[] = [];
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => `schema ${i.path.join('.') || '(content)'}: ${i.message}`),
    );
  } else {
    problems.push(
      ...checkGrounding(parsed.data, bundle).map(
        (p) => `grounding ${p.path}: ${p.kind} "${p.value}" is not in the DNA`,
      ),
    );
  }
  const provenance = { writer: 'offline', fields: provenanceOf(tracking.used, bundle) };
  if (problems.length) {
    return { status: 'needs_input', content: null, missing: [], provenance: { ...provenance, problems } };
  }
  request.site.usedAssets ??= new Set();
  for (const asset of assetsIn(parsed.data)) request.site.usedAssets.add(asset);
  return { status: 'draft', content: parsed.data, provenance };
}

/** A copy of the site's copy state, for writing without committing what is used. */
export function copySite(site: SiteCopyState): SiteCopyState {
  return {
    ...site,
    usedSentences: new Set(site.usedSentences),
    ...(site.usedAssets ? { usedAssets: new Set(site.usedAssets) } : {}),
  };
}

/** Takes what a copy used (sentences, assets) into the site's state. */
export function adoptSite(site: SiteCopyState, copy: SiteCopyState): void {
  for (const s of copy.usedSentences) site.usedSentences.add(s);
  if (copy.usedAssets) {
    site.usedAssets ??= new Set();
    for (const a of copy.usedAssets) site.usedAssets.add(a);
  }
}

function notWritten(
  whenMissing: 'omit' | 'needs_input',
  missing: string[],
  used: Set<DnaInput>,
  bundle: DnaBundle,
): SectionDraft {
  return {
    status: whenMissing === 'omit' ? 'omitted' : 'needs_input',
    content: null,
    missing: [...new Set(missing)],
    provenance: { writer: 'offline', fields: provenanceOf(used, bundle) },
  };
}

export function hasInput(bundle: DnaBundle, input: DnaInput): boolean {
  if (input === 'site:pages') return true;
  if (input === 'type:business_archetype') return !!knownClassification(bundle).business_archetype;
  if (input.startsWith('media:')) return bundle.media.some((m) => `media:${m.asset_category}` === input);
  const value = bundle.truth[input as keyof typeof bundle.truth];
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function provenanceOf(used: Iterable<DnaInput>, bundle: DnaBundle): FieldProvenance[] {
  const fc = bundle.truth.field_confidence ?? {};
  return [...used].sort().map((field) => ({
    field,
    confidence: field.includes(':') ? null : (fc[field] ?? bundle.truth.confidence_score ?? null),
  }));
}

/** Asset ids referenced by content (`{ asset: id }` objects anywhere in it). */
export function assetsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(assetsIn);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return [...(typeof v.asset === 'string' ? [v.asset] : []), ...Object.values(v).flatMap(assetsIn)];
  }
  return [];
}
