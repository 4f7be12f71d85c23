import type { SectionDefinition } from '../catalog/define-section.ts';
import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import { alternativeReadings, type StoredAlternative } from '../content/alternatives.ts';
import { assetRefsIn, withoutAssets } from '../content/asset-refs.ts';
import { type PreviousSection, sectionRef } from '../content/revisions.ts';
import { canonicalJson, dnaHash, inputHash, sectionInputs } from '../content/section-inputs.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { proseSentences } from '../writers/check-answer.ts';
import type { SiteCopyState } from '../writers/compose-context.ts';
import { assetsIn, copySite } from '../writers/offline.ts';
import { briefOf } from '../writers/prompt.ts';
import { addUsage, roundCost } from '../writers/usage.ts';
import type { Provenance, SectionDraft, WriteRequest, Writer, WriteUsage } from '../writers/writer.ts';

/**
 * Writes every section of the chosen template for one founder, never repeating a
 * sentence anywhere on the site. Main sections are written page by page first;
 * pages left with no main section are dropped; then the header and footer are
 * written with the surviving pages for navigation.
 *
 * With the founder's current revisions (`previous`), only what changed is
 * rewritten: a section is reused when nothing it reads changed (same DNA hash)
 * and it is not rejected; an approved or founder-edited section is always
 * reused (marked `stale` when its inputs changed) unless the founder asks for
 * it (`force`). Reused copy is registered first, so rewritten copy never
 * repeats it. Sections that read a low-confidence fact also get alternative
 * copies from the fact's other readings (`alternatives`).
 */
export interface WrittenSection {
  page: string;
  key: string;
  type: string;
  variant: string;
  position: number;
  required: boolean;
  status: 'draft' | 'needs_input' | 'omitted';
  content: unknown;
  missing: string[];
  provenance: Provenance;
  /** Written in this run, or the current revision reused as it is. */
  origin: 'written' | 'reused';
  /** The current revision that was reused (or that a forced rewrite replaces). */
  current: { id: string; revision: number; status: string; editedByFounder: boolean } | null;
  /** Approved or founder-edited copy kept although a fact it reads has changed. */
  stale: boolean;
  /** The founder asked for this rewrite: it replaces even approved or edited copy. */
  override: boolean;
  dnaHash: string;
  inputHash: string;
  usage: WriteUsage | null;
  alternatives: StoredAlternative[];
}

export interface WrittenSite {
  pages: { slug: string; label: string; sections: WrittenSection[] }[];
  header: WrittenSection;
  footer: WrittenSection;
  /** Everything, including omitted and needs_input sections (for the database and the founder). */
  all: WrittenSection[];
  warnings: string[];
  usage: RunUsage;
}

/** What this run cost: model calls and tokens (all zero for the offline writer), cache hits, fallbacks. */
export interface RunUsage extends WriteUsage {
  writer: string;
  model: string | null;
  cache_hits: number;
  fallbacks: number;
  sections_written: number;
  sections_reused: number;
}

export interface WriteOptions {
  /** Current revisions by `sectionRef(page, key)`. */
  previous?: ReadonlyMap<string, PreviousSection>;
  /** Sections to rewrite whatever their state (`sectionRef(page, key)`): the founder asked. */
  force?: ReadonlySet<string>;
  /** Alternative copies per section for low-confidence facts (0: none). */
  alternatives?: number;
  /**
   * Rewrite unchanged drafts another writer wrote when this writer is the AI
   * writer (offline copy, or an earlier fallback, becomes AI copy). Default true;
   * off when the founder asked for particular sections only.
   */
  upgrade?: boolean;
}

export const CHROME_PAGE = '*';
export { sectionRef };

interface Slot {
  page: string;
  key: string;
  section: SectionDefinition;
  variant: string;
  position: number;
  required: boolean;
}

type Decision =
  | { kind: 'reuse'; previous: PreviousSection; stale: boolean; dna: string; input: string }
  | {
      kind: 'write';
      previous: PreviousSection | null;
      avoid: unknown[];
      override: boolean;
      dna: string;
      input: string;
    };

export async function writeSections(
  catalog: Catalog,
  template: TemplateDefinition,
  bundle: DnaBundle,
  writer: Writer,
  options: WriteOptions = {},
): Promise<WrittenSite> {
  const warnings: string[] = [];
  const knownAssets = new Set(bundle.media.map((m, index) => m.id ?? `bundle-${index}`));
  const plannedNav = template.pages.map((p) => ({ href: hrefOf(p.slug), label: p.label }));

  const decide = (slot: Slot, nav: { href: string; label: string }[]): Decision => {
    const { section } = slot;
    const dna = dnaHash(sectionInputs(section, bundle, nav, { voice: briefOf(section) !== null }));
    const identity = writer.identity(section);
    const input = inputHash(dna, identity);
    const ref = sectionRef(slot.page, slot.key);
    const found = options.previous?.get(ref);
    const previous = found && found.type === section.type ? found : null;
    if (options.force?.has(ref)) {
      return {
        kind: 'write',
        previous,
        avoid: previous?.content ? [previous.content] : [],
        override: true,
        dna,
        input,
      };
    }
    if (!previous) return { kind: 'write', previous, avoid: [], override: false, dna, input };
    const usable = previous.status === 'needs_input' || section.schema.safeParse(previous.content).success;
    const protectedRevision = previous.status === 'approved' || previous.editedByFounder;
    const changed = previous.dnaHash !== dna;
    if (!usable) {
      if (protectedRevision)
        warnings.push(
          `${label(slot)}: the approved or edited copy no longer fits the section and was rewritten as a draft.`,
        );
      return { kind: 'write', previous, avoid: [], override: true, dna, input };
    }
    if (protectedRevision && previous.status !== 'needs_input') {
      // An image the copy shows was removed from the founder's files: the founder's words are kept,
      // without the image, when the section can show them so; otherwise the section is written anew.
      const gone = new Set(assetRefsIn(previous.content).filter((asset) => !knownAssets.has(asset)));
      if (gone.size) {
        const kept = withoutAssets(previous.content, gone);
        if (!section.schema.safeParse(kept).success) {
          warnings.push(
            `${label(slot)}: an image its ${previous.status === 'approved' ? 'approved' : 'edited'} copy showed is no longer among the founder's files, so it was rewritten as a draft.`,
          );
          return { kind: 'write', previous, avoid: [], override: true, dna, input };
        }
        warnings.push(
          `${label(slot)}: an image its ${previous.status === 'approved' ? 'approved' : 'edited'} copy showed is no longer among the founder's files; it is shown without it (choose another with dreamseed sections edit).`,
        );
        return { kind: 'reuse', previous: { ...previous, content: kept }, stale: true, dna, input };
      }
    }
    if (protectedRevision) {
      if (changed)
        warnings.push(
          `${label(slot)} is ${previous.status === 'approved' ? 'approved' : 'edited by the founder'} but a fact it reads has changed: review it (dreamseed sections regenerate).`,
        );
      return { kind: 'reuse', previous, stale: changed, dna, input };
    }
    if (previous.status === 'rejected')
      return { kind: 'write', previous, avoid: [previous.content], override: false, dna, input };
    // Copy the offline writer wrote where the AI writer is now asked for (including fallbacks) is upgraded.
    // Not when this writer already failed the checks on these very facts: it would pay again for
    // the same refusals on every run (the founder can still ask with `sections regenerate`).
    const failedChecks = previous.provenance?.fallback?.kind === 'checks' && previous.inputHash === input;
    const upgrade =
      options.upgrade !== false &&
      identity.writer !== 'offline' &&
      previous.status === 'draft' &&
      previous.writer !== identity.writer &&
      !failedChecks;
    if (!changed && !upgrade) return { kind: 'reuse', previous, stale: false, dna, input };
    return { kind: 'write', previous, avoid: [], override: false, dna, input };
  };

  const slots: Slot[] = template.pages.flatMap((page) => {
    const seen = new Map<string, number>();
    return page.sections.map((ref, position) => {
      const section = catalog.sections.get(ref.type)!;
      const n = (seen.get(ref.type) ?? 0) + 1;
      seen.set(ref.type, n);
      return {
        page: page.slug,
        key: n === 1 ? ref.type : `${ref.type}-${n}`,
        section,
        variant: ref.variant ?? section.variants[0],
        position,
        required: ref.required ?? false,
      };
    });
  });
  const decisions = slots.map((slot) => decide(slot, plannedNav));

  // One set for the whole site: a sentence appears once. Reused copy is registered first.
  const site: SiteCopyState = { usedSentences: new Set(), usedAssets: new Set(), pages: plannedNav };
  for (const d of decisions) if (d.kind === 'reuse') register(site, d.previous.content);
  prefetch(writer, bundle, slots, decisions, plannedNav, options.alternatives ?? 0);

  const bySlot = new Map<Slot, WrittenSection>();
  for (const [i, slot] of slots.entries()) {
    // The same state, plus the page's other sections (`ComposeContext.statedOnPage`).
    const onPage = slots.filter((s) => s.page === slot.page);
    const page = {
      before: onPage.filter((s) => s.position < slot.position).map((s) => s.section),
      after: onPage.filter((s) => s.position > slot.position).map((s) => s.section),
    };
    bySlot.set(slot, await produce(slot, decisions[i]!, { ...site, page }));
  }

  const pages: WrittenSite['pages'] = [];
  const all: WrittenSection[] = [];
  for (const page of template.pages) {
    const written = slots.filter((s) => s.page === page.slug).map((s) => bySlot.get(s)!);
    all.push(...written);
    if (written.some((w) => w.status === 'draft'))
      pages.push({ slug: page.slug, label: page.label, sections: written });
  }
  if (!pages.some((p) => p.slug === '')) {
    // The home page must exist: keep it even if only its required sections remain for the founder to fill.
    const home = template.pages[0];
    pages.unshift({ slug: '', label: home.label, sections: all.filter((w) => w.page === '') });
  }

  const nav = pages.map((p) => ({ href: hrefOf(p.slug), label: p.label }));
  const chrome = async (type: 'header' | 'footer', variant: string) => {
    const slot: Slot = {
      page: CHROME_PAGE,
      key: type,
      section: catalog.sections.get(type)!,
      variant,
      position: 0,
      required: true,
    };
    const decision = decide(slot, nav);
    prefetch(writer, bundle, [slot], [decision], nav, options.alternatives ?? 0);
    return produce(slot, decision, { usedSentences: new Set(), pages: nav });
  };
  const header = await chrome('header', template.chrome.header);
  const footer = await chrome('footer', template.chrome.footer);
  all.push(header, footer);
  const report = writer.report?.();
  warnings.push(...(report?.warnings ?? []));
  const counted = all.filter((s) => s.status !== 'omitted');
  const run = (report as { usage?: Partial<RunUsage> } | undefined)?.usage;
  const usage: RunUsage = {
    writer: writer.name,
    model: run?.model ?? null,
    calls: run?.calls ?? 0,
    prompt_tokens: run?.prompt_tokens ?? 0,
    completion_tokens: run?.completion_tokens ?? 0,
    total_tokens: run?.total_tokens ?? 0,
    cost_usd: run?.cost_usd === undefined ? 0 : roundCost(run.cost_usd),
    cache_hits: run?.cache_hits ?? 0,
    fallbacks: run?.fallbacks ?? 0,
    sections_written: counted.filter((s) => s.origin === 'written').length,
    sections_reused: counted.filter((s) => s.origin === 'reused').length,
  };
  return { pages, header, footer, all, warnings, usage };

  async function produce(slot: Slot, decision: Decision, state: SiteCopyState): Promise<WrittenSection> {
    const base = {
      page: slot.page,
      key: slot.key,
      type: slot.section.type,
      variant: slot.variant,
      position: slot.position,
      required: slot.required,
      dnaHash: decision.dna,
      inputHash: decision.input,
    };
    const current = (p: PreviousSection | null) =>
      p ? { id: p.id, revision: p.revision, status: p.status, editedByFounder: p.editedByFounder } : null;
    const reuse = (p: PreviousSection, stale: boolean): WrittenSection => ({
      ...base,
      status: p.status === 'needs_input' ? 'needs_input' : 'draft',
      content: p.status === 'needs_input' ? null : p.content,
      missing: p.missing,
      provenance: p.provenance ?? { writer: p.writer ?? 'unknown', fields: [] },
      origin: 'reused',
      current: current(p),
      stale,
      override: false,
      dnaHash: p.dnaHash ?? decision.dna,
      inputHash: p.inputHash ?? decision.input,
      usage: null,
      alternatives: p.alternatives,
    });
    if (decision.kind === 'reuse') return reuse(decision.previous, decision.stale);

    const before = copySite(state);
    const request: WriteRequest = {
      section: slot.section,
      bundle,
      page: slot.page,
      key: slot.key,
      site: state,
      avoid: decision.avoid,
    };
    const draft = await writer.write(request);
    const previous = decision.previous;
    if (
      previous?.status === 'rejected' &&
      !decision.override &&
      draft.status === 'draft' &&
      canonicalJson(draft.content) === canonicalJson(previous.content)
    ) {
      warnings.push(
        `${label(slot)}: the ${writer.name} writer has no other wording for this rejected section: edit it, or regenerate it with another writer.`,
      );
      return reuse(previous, false);
    }
    const alternatives =
      draft.status === 'draft' && (options.alternatives ?? 0) > 0
        ? await writeAlternatives(writer, request, draft, before, options.alternatives!)
        : { stored: [], usage: undefined };
    return {
      ...base,
      status: draft.status,
      content: draft.content,
      missing: draft.status === 'draft' ? [] : draft.missing,
      provenance: draft.provenance,
      origin: 'written',
      current: current(previous),
      stale: false,
      override: decision.override,
      usage: sumUsage(draft.usage, alternatives.usage),
      alternatives: alternatives.stored,
    };
  }
}

export function hrefOf(slug: string): string {
  return slug ? `/${slug}/` : '/';
}

function label(slot: Slot): string {
  return `${slot.page === CHROME_PAGE ? '' : `${hrefOf(slot.page)} `}${slot.key}`;
}

function register(site: SiteCopyState, content: unknown): void {
  for (const s of proseSentences(content)) site.usedSentences.add(s);
  site.usedAssets ??= new Set();
  for (const a of assetsIn(content)) site.usedAssets.add(a);
}

/** Asks the writer to start on everything this run will write (the AI writer calls its model concurrently). */
function prefetch(
  writer: Writer,
  bundle: DnaBundle,
  slots: readonly Slot[],
  decisions: readonly Decision[],
  pages: { href: string; label: string }[],
  alternatives: number,
): void {
  if (!writer.prefetch) return;
  const requests: WriteRequest[] = [];
  for (const [i, slot] of slots.entries()) {
    const d = decisions[i]!;
    if (d.kind !== 'write') continue;
    const base = {
      section: slot.section,
      page: slot.page,
      key: slot.key,
      site: { usedSentences: new Set<string>(), pages },
    };
    requests.push({ ...base, bundle, avoid: d.avoid });
    for (const alt of alternativeReadings(slot.section, bundle, { max: alternatives }))
      requests.push({ ...base, bundle: alt.bundle, avoid: [] });
  }
  writer.prefetch(requests);
}

async function writeAlternatives(
  writer: Writer,
  request: WriteRequest,
  main: SectionDraft & { status: 'draft' },
  before: SiteCopyState,
  max: number,
): Promise<{ stored: StoredAlternative[]; usage: WriteUsage | undefined }> {
  const stored: StoredAlternative[] = [];
  let usage: WriteUsage | undefined;
  const seen = new Set([canonicalJson(main.content)]);
  for (const reading of alternativeReadings(request.section, request.bundle, { max })) {
    const draft = await writer.write({
      ...request,
      bundle: reading.bundle,
      site: copySite(before),
      avoid: [],
    });
    usage = sumUsage(usage, draft.usage) ?? undefined;
    if (draft.status !== 'draft' || seen.has(canonicalJson(draft.content))) continue;
    seen.add(canonicalJson(draft.content));
    stored.push({
      id: reading.id,
      field: reading.field,
      reading: reading.reading,
      confidence: reading.confidence,
      content: draft.content,
      writer: draft.provenance.writer,
      model: draft.provenance.model ?? null,
    });
  }
  return { stored, usage };
}

function sumUsage(a: WriteUsage | undefined | null, b: WriteUsage | undefined | null): WriteUsage | null {
  if (!a) return b ?? null;
  return addUsage(a, b ?? undefined);
}
