import type { SectionDefinition } from '../catalog/define-section.ts';
import type { TemplateDefinition, TemplatePage } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import { hasBrief } from '../catalog/section-brief.ts';
import { chromeSlots, hrefOf, type Slot, sectionRef, slotLabel, slotsOf } from '../catalog/slots.ts';
import { alternativeReadings, type StoredAlternative } from '../content/alternatives.ts';
import { decideReuse, type ReuseDecision } from '../content/reuse-policy.ts';
import type { PreviousSection } from '../content/revisions.ts';
import { canonicalJson, dnaHash, inputHash, sectionInputs } from '../content/section-inputs.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { proseSentences } from '../writers/check-answer.ts';
import type { SiteCopyState } from '../writers/compose-context.ts';
import { assetsIn, copySite } from '../writers/offline.ts';
import { addUsage, roundCost } from '../writers/usage.ts';
import type { SectionDraft, WriteRequest, Writer, WriterReport, WriteUsage } from '../writers/writer.ts';
import type { RunUsage, WrittenSection, WrittenSite } from '../writers/written-site.ts';

/**
 * Writes every section of the chosen template for one founder, never repeating a
 * sentence anywhere on the site. Main sections are written page by page first;
 * pages left with no main section are dropped; then the header and footer are
 * written with the surviving pages for navigation.
 *
 * With the founder's current revisions (`previous`), only what changed is
 * rewritten: `content/reuse-policy.ts` decides, slot by slot, whether the
 * current revision is reused (unchanged, or approved or founder-edited copy,
 * marked `stale` when its inputs changed) or the section is written anew.
 * Reused copy is registered first, so rewritten copy never repeats it. Sections
 * that read a low-confidence fact also get alternative copies from the fact's
 * other readings (`alternatives`).
 */
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

/** A slot with its section and variant resolved from the catalogue. */
interface SectionSlot extends Omit<Slot, 'variant'> {
  section: SectionDefinition;
  variant: string;
}

/** The reuse decision for one slot, with the hashes it was taken on. */
type Decision = ReuseDecision & { dna: string; input: string };

type Nav = { href: string; label: string }[];

/** What every step of one run shares; `warnings` collects in the order things happen. */
interface Run {
  bundle: DnaBundle;
  writer: Writer;
  options: WriteOptions;
  knownAssets: ReadonlySet<string>;
  warnings: string[];
}

export async function writeSections(
  catalog: Catalog,
  template: TemplateDefinition,
  bundle: DnaBundle,
  writer: Writer,
  options: WriteOptions = {},
): Promise<WrittenSite> {
  const run: Run = {
    bundle,
    writer,
    options,
    knownAssets: new Set(bundle.media.map((m, index) => m.id ?? `bundle-${index}`)),
    warnings: [],
  };
  const slots = slotsOf(template).map((slot) => resolveSlot(catalog, slot));
  const bySlot = await writeMainSections(run, slots, navOf(template.pages));
  const { pages, all } = keptPages(template, slots, bySlot);
  const nav = navOf(pages);
  const [headerSlot, footerSlot] = chromeSlots(template);
  const header = await writeChrome(run, resolveSlot(catalog, headerSlot), nav);
  const footer = await writeChrome(run, resolveSlot(catalog, footerSlot), nav);
  all.push(header, footer);
  const report = writer.report?.();
  run.warnings.push(...(report?.warnings ?? []));
  return { pages, header, footer, all, warnings: run.warnings, usage: runUsage(writer, report, all) };
}

/** Every component (`type/variant`) a site of this template can show: what its pages render is among them. */
export function templateComponents(catalog: Catalog, template: TemplateDefinition): string[] {
  const slots = [...chromeSlots(template), ...slotsOf(template)].map((s) => resolveSlot(catalog, s));
  return [...new Set(slots.map((s) => `${s.type}/${s.variant}`))].sort();
}

function resolveSlot(catalog: Catalog, slot: Slot): SectionSlot {
  const section = catalog.sections.get(slot.type)!;
  return { ...slot, section, variant: slot.variant ?? section.variants[0] };
}

function navOf(pages: readonly Pick<TemplatePage, 'slug' | 'label'>[]): Nav {
  return pages.map((p) => ({ href: hrefOf(p.slug), label: p.label }));
}

/** Decides every main slot, then writes them in order with one site-wide copy state. */
async function writeMainSections(
  run: Run,
  slots: readonly SectionSlot[],
  plannedNav: Nav,
): Promise<Map<SectionSlot, WrittenSection>> {
  const decisions = slots.map((slot) => decide(run, slot, plannedNav));
  // One set for the whole site: a sentence appears once. Reused copy is registered first.
  const site: SiteCopyState = { usedSentences: new Set(), usedAssets: new Set(), pages: plannedNav };
  for (const d of decisions) if (d.kind === 'reuse') register(site, d.previous.content);
  prefetch(run, slots, decisions, plannedNav);
  const bySlot = new Map<SectionSlot, WrittenSection>();
  for (const [i, slot] of slots.entries()) {
    // The same state, plus the page's other sections (`ComposeContext.statedOnPage`).
    bySlot.set(slot, await produce(run, slot, decisions[i]!, { ...site, page: pagePlan(slots, slot) }));
  }
  return bySlot;
}

function pagePlan(slots: readonly SectionSlot[], slot: SectionSlot): NonNullable<SiteCopyState['page']> {
  const onPage = slots.filter((s) => s.page === slot.page);
  return {
    before: onPage.filter((s) => s.position < slot.position).map((s) => s.section),
    after: onPage.filter((s) => s.position > slot.position).map((s) => s.section),
  };
}

/** The pages with a draft section to show, and every main section (for the record). */
function keptPages(
  template: TemplateDefinition,
  slots: readonly SectionSlot[],
  bySlot: ReadonlyMap<SectionSlot, WrittenSection>,
): Pick<WrittenSite, 'pages' | 'all'> {
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
    // The registry refuses a template whose first page is not the home page.
    const home = template.pages[0]!;
    pages.unshift({ slug: '', label: home.label, sections: all.filter((w) => w.page === '') });
  }
  return { pages, all };
}

/** The header or footer, written with the pages that survived for navigation. */
async function writeChrome(run: Run, slot: SectionSlot, nav: Nav): Promise<WrittenSection> {
  const decision = decide(run, slot, nav);
  prefetch(run, [slot], [decision], nav);
  return produce(run, slot, decision, { usedSentences: new Set(), pages: nav });
}

function decide(run: Run, slot: SectionSlot, nav: Nav): Decision {
  const { section } = slot;
  const dna = dnaHash(sectionInputs(section, run.bundle, nav, { voice: hasBrief(section) }));
  const identity = run.writer.identity(section);
  const input = inputHash(dna, identity);
  const ref = sectionRef(slot.page, slot.key);
  const decision = decideReuse({
    page: slot.page,
    key: slot.key,
    section,
    previous: run.options.previous?.get(ref),
    dnaHash: dna,
    inputHash: input,
    writer: identity.writer,
    force: run.options.force?.has(ref) ?? false,
    upgrade: run.options.upgrade !== false,
    knownAssets: run.knownAssets,
  });
  if (decision.warning) run.warnings.push(decision.warning);
  return { ...decision, dna, input };
}

async function produce(
  run: Run,
  slot: SectionSlot,
  decision: Decision,
  state: SiteCopyState,
): Promise<WrittenSection> {
  if (decision.kind === 'reuse') return reused(slot, decision, decision.previous, decision.stale);
  const before = copySite(state);
  const request: WriteRequest = {
    section: slot.section,
    bundle: run.bundle,
    page: slot.page,
    key: slot.key,
    site: state,
    avoid: decision.avoid,
  };
  const draft = await run.writer.write(request);
  const previous = decision.previous;
  if (
    previous?.status === 'rejected' &&
    !decision.override &&
    draft.status === 'draft' &&
    canonicalJson(draft.content) === canonicalJson(previous.content)
  ) {
    run.warnings.push(
      `${slotLabel(slot.page, slot.key)}: the ${run.writer.name} writer has no other wording for this rejected section: edit it, or regenerate it with another writer.`,
    );
    return reused(slot, decision, previous, false);
  }
  const max = run.options.alternatives ?? 0;
  const alternatives =
    draft.status === 'draft' && max > 0
      ? await writeAlternatives(run.writer, request, draft, before, max)
      : { stored: [], usage: undefined };
  return {
    ...placeOf(slot, decision),
    status: draft.status,
    content: draft.content,
    missing: draft.status === 'draft' ? [] : draft.missing,
    provenance: draft.provenance,
    origin: 'written',
    current: currentOf(previous),
    stale: false,
    override: decision.override,
    usage: sumUsage(draft.usage, alternatives.usage),
    alternatives: alternatives.stored,
  };
}

function placeOf(slot: SectionSlot, decision: Decision) {
  return {
    page: slot.page,
    key: slot.key,
    type: slot.section.type,
    variant: slot.variant,
    position: slot.position,
    required: slot.required,
    dnaHash: decision.dna,
    inputHash: decision.input,
  };
}

function reused(slot: SectionSlot, decision: Decision, p: PreviousSection, stale: boolean): WrittenSection {
  return {
    ...placeOf(slot, decision),
    status: p.status === 'needs_input' ? 'needs_input' : 'draft',
    content: p.status === 'needs_input' ? null : p.content,
    missing: p.missing,
    provenance: p.provenance ?? { writer: p.writer ?? 'unknown', fields: [] },
    origin: 'reused',
    current: currentOf(p),
    stale,
    override: false,
    dnaHash: p.dnaHash ?? decision.dna,
    inputHash: p.inputHash ?? decision.input,
    usage: null,
    alternatives: p.alternatives,
  };
}

function currentOf(p: PreviousSection | null): WrittenSection['current'] {
  return p ? { id: p.id, revision: p.revision, status: p.status, editedByFounder: p.editedByFounder } : null;
}

function register(site: SiteCopyState, content: unknown): void {
  for (const s of proseSentences(content)) site.usedSentences.add(s);
  site.usedAssets ??= new Set();
  for (const a of assetsIn(content)) site.usedAssets.add(a);
}

/** Asks the writer to start on everything this run will write (the AI writer calls its model concurrently). */
function prefetch(run: Run, slots: readonly SectionSlot[], decisions: readonly Decision[], pages: Nav): void {
  const { writer, bundle } = run;
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
    for (const alt of alternativeReadings(slot.section, bundle, { max: run.options.alternatives ?? 0 }))
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

/** What this run cost, from the writer's report, and how many sections were written or reused. */
function runUsage(
  writer: Writer,
  report: WriterReport | undefined,
  all: readonly WrittenSection[],
): RunUsage {
  const counted = all.filter((s) => s.status !== 'omitted');
  const run = (report as { usage?: Partial<RunUsage> } | undefined)?.usage;
  return {
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
}

function sumUsage(a: WriteUsage | undefined | null, b: WriteUsage | undefined | null): WriteUsage | null {
  if (!a) return b ?? null;
  return addUsage(a, b ?? undefined);
}
