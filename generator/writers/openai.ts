import { zodResponseFormat } from 'openai/helpers/zod';
import type { SectionDefinition } from '../catalog/define-section.ts';
import { slotLabel } from '../catalog/slots.ts';
import type { Provenance } from '../content/provenance.ts';
import { dnaHash, hashOf, inputHash, sectionInputs, type WriterIdentity } from '../content/section-inputs.ts';
import { knownClassification } from '../dna/vocabulary.ts';
import { type AnswerContext, checkAnswer } from './check-answer.ts';
import type { ContentCache } from './content-cache.ts';
import { draftImageDescription } from './image-description.ts';
import { modelFacts } from './model-facts.ts';
import { adoptSite, assetsIn, copySite, createOfflineWriter, hasInput } from './offline.ts';
import type { ChatClient, Completion } from './openai-client.ts';
import { briefOf, buildMessages, type ChatMessage, feedbackMessage } from './prompt.ts';
import { ModelUnavailableError } from './retry.ts';
import { addUsage, callUsage, emptyUsage, type Price, priceOf } from './usage.ts';
import { toWire, wireSchema } from './wire-schema.ts';
import type { SectionDraft, WriteRequest, Writer, WriterReport, WriteUsage } from './writer.ts';

/**
 * The OpenAI writer. For a section with an AI brief it asks the model for the
 * section's content as structured output, shows it only the facts the section
 * declares (as quoted data) plus the offline writer's draft as a reference, and
 * checks every answer (schema, grounding, links, kept fields, repeated
 * sentences). A refused answer is explained to the model and asked for again,
 * up to `maxAttempts`; then — or when the model cannot be reached — the section
 * gets the offline writer's copy and its provenance says why. Sections without
 * a brief, or whose required facts are missing, are the offline writer's.
 *
 * Accepted answers go to the content cache; a repeated run with unchanged
 * inputs makes no model call. Once the model is unreachable, the rest of the
 * run uses offline copy at once (one clear warning, no waiting per section).
 */
export interface OpenAiWriterOptions {
  client: ChatClient;
  cache: ContentCache | null;
  maxAttempts: number;
  temperature: number | null;
  price?: Price | null;
}

export interface OpenAiRunReport extends WriterReport {
  usage: WriteUsage & { model: string; cache_hits: number; fallbacks: number };
}

interface Plan {
  key: string;
  messages: ChatMessage[];
  format: ReturnType<typeof zodResponseFormat>;
  answer: Omit<AnswerContext, 'usedSentences'>;
  fields: Provenance['fields'];
}

type Settled = { ok: true; value: Completion } | { ok: false; error: unknown };

export function createOpenAiWriter(
  options: OpenAiWriterOptions,
): Writer & { report(): OpenAiRunReport; describeImage: NonNullable<Writer['describeImage']> } {
  const { client, cache } = options;
  const offline = createOfflineWriter();
  const price = priceOf(client.model, options.price ?? null);
  const formats = new Map<string, ReturnType<typeof zodResponseFormat>>();
  const prefetched = new Map<string, Promise<Settled>>();
  /** Prefetch planning under way: `write` waits for it, so a prefetched call is never made twice. */
  let planning: Promise<unknown> = Promise.resolve();
  const totals = {
    ...emptyUsage(),
    cost_usd: price ? 0 : null,
    cache_hits: 0,
    fallbacks: 0,
  } as OpenAiRunReport['usage'];
  let unavailable: string | null = null;
  /** Aborted once the model is unreachable: queued and running calls stop at once. */
  const giveUp = new AbortController();
  /** Sections (page and key) that got offline copy instead of the model's. */
  const fellBack = new Set<string>();

  const identity = (section: SectionDefinition): WriterIdentity => {
    const brief = briefOf(section);
    return brief
      ? { writer: 'openai', model: client.model, promptVersion: brief.version }
      : { writer: 'offline', model: null, promptVersion: null };
  };

  const formatOf = (section: SectionDefinition) => {
    let format = formats.get(section.type);
    if (!format) {
      format = zodResponseFormat(wireSchema(section.schema), section.type);
      formats.set(section.type, format);
    }
    return format;
  };

  /** The prompt, cache key and checks for a request; null when the model is not to be asked. */
  const planOf = async (request: WriteRequest): Promise<Plan | null> => {
    const brief = briefOf(request.section);
    if (!brief) return null;
    const { section, bundle } = request;
    // A section written thin (a fact a visitor needs is missing) shows only what is known: no model fills the gap.
    if ((section.wants ?? []).some((field) => !hasInput(bundle, field))) return null;
    // The reference is written without the site's state, so the prompt depends only on the section's inputs.
    const reference = await offline.write({
      ...request,
      site: { usedSentences: new Set(), pages: request.site.pages },
      avoid: [],
    });
    if (reference.status !== 'draft') return null;
    const { facts, fields, corpus } = modelFacts(section, bundle, request.site.pages, reference.content);
    const rejected = request.avoid ?? [];
    const messages = buildMessages({
      section,
      brief,
      type: knownClassification(bundle),
      facts,
      reference: toWire(section.schema, reference.content),
      rejected,
    });
    const dna = dnaHash(sectionInputs(section, bundle, request.site.pages, { voice: true }));
    const key = hashOf({
      input: inputHash(dna, identity(section)),
      page: request.page,
      section: request.key,
      temperature: options.temperature,
      rejected,
    });
    const hrefs = new Set([...hrefsIn(reference.content), ...request.site.pages.map((p) => p.href)]);
    return {
      key,
      messages,
      format: formatOf(section),
      fields,
      answer: {
        section,
        bundle,
        corpus,
        reference: reference.content,
        keep: brief.keep,
        allowed: { hrefs, assets: new Set(assetsIn(reference.content)) },
        rejected,
      },
    };
  };

  const call = (messages: readonly ChatMessage[], format: unknown): Promise<Settled> =>
    client.complete(messages, format, giveUp.signal).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );

  const count = (usage: WriteUsage) => {
    totals.calls += usage.calls;
    totals.prompt_tokens += usage.prompt_tokens;
    totals.completion_tokens += usage.completion_tokens;
    totals.total_tokens += usage.total_tokens;
    totals.cost_usd =
      totals.cost_usd === null || usage.cost_usd === null ? null : totals.cost_usd + usage.cost_usd;
  };

  return {
    name: 'openai',
    identity,

    prefetch(requests) {
      if (unavailable) return;
      const plans = requests.map((request) =>
        planOf(request).then(
          (plan) => {
            if (!plan || unavailable || prefetched.has(plan.key) || cache?.get(plan.key)) return;
            prefetched.set(plan.key, call(plan.messages, plan.format));
          },
          // A request that cannot be planned fails again, visibly, when it is written.
          () => undefined,
        ),
      );
      planning = Promise.all([planning, ...plans]);
    },

    async write(request) {
      await planning;
      const site = request.site;
      // The offline copy, on a copy of the site's state: the fallback, committed only if used.
      const fallbackSite = copySite(site);
      const offlineDraft = await offline.write({ ...request, site: fallbackSite });
      const useOffline = (
        draft: SectionDraft,
        extra: Partial<Provenance>,
        usage?: WriteUsage,
      ): SectionDraft => {
        adoptSite(site, fallbackSite);
        return { ...draft, provenance: { ...draft.provenance, ...extra }, ...(usage ? { usage } : {}) };
      };
      const plan = offlineDraft.status === 'draft' ? await planOf(request) : null;
      if (!plan) {
        const note = briefOf(request.section)
          ? 'facts the section needs are missing: the model is not asked to supply them'
          : 'no AI brief for this section: it shows the founder’s facts as given';
        return useOffline(offlineDraft, { note });
      }
      const context: AnswerContext = { ...plan.answer, usedSentences: site.usedSentences };
      const accept = (
        content: unknown,
        sentences: string[],
        extra: Partial<Provenance>,
        usage: WriteUsage,
      ): SectionDraft => {
        for (const s of sentences) site.usedSentences.add(s);
        site.usedAssets ??= new Set();
        for (const a of assetsIn(content)) site.usedAssets.add(a);
        return {
          status: 'draft',
          content,
          provenance: { writer: 'openai', model: client.model, fields: plan.fields, ...extra },
          usage,
        };
      };

      const cached = cache?.get(plan.key);
      if (cached) {
        const check = checkAnswer(JSON.stringify(cached.answer), context);
        if (check.ok) {
          totals.cache_hits++;
          return accept(check.content, check.sentences, { attempts: 0, cached: true }, emptyUsage());
        }
      }

      let usage = emptyUsage();
      if (price === null) usage.cost_usd = null;
      const rejected: { attempt: number; problems: string[] }[] = [];
      const fallback = (reason: string, kind: 'unreachable' | 'checks' = 'unreachable') => {
        fellBack.add(slotLabel(request.page, request.key));
        totals.fallbacks = fellBack.size;
        return useOffline(
          offlineDraft,
          { fallback: { from: 'openai', reason, kind }, ...(rejected.length ? { rejected } : {}) },
          usage,
        );
      };
      if (unavailable) return fallback(`the model could not be reached: ${unavailable}`);

      let messages = plan.messages;
      for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
        const pending = attempt === 1 ? prefetched.get(plan.key) : undefined;
        if (pending) prefetched.delete(plan.key);
        const settled = await (pending ?? call(messages, plan.format));
        if (!settled.ok) {
          const reason =
            settled.error instanceof ModelUnavailableError ? settled.error.message : String(settled.error);
          if (!unavailable) {
            unavailable = reason;
            giveUp.abort();
          }
          return fallback(`the model could not be reached: ${unavailable}`);
        }
        const answer = settled.value;
        const spent = callUsage(answer.usage, price);
        usage = addUsage(usage, spent);
        count(spent);
        const check = answer.refusal
          ? { ok: false as const, problems: [`the model refused: ${answer.refusal}`] }
          : checkAnswer(answer.content, context);
        if (check.ok) {
          cache?.put({
            key: plan.key,
            section: request.section.type,
            model: client.model,
            answer: JSON.parse(answer.content!),
            created_at: new Date().toISOString(),
          });
          return accept(
            check.content,
            check.sentences,
            { attempts: attempt, ...(rejected.length ? { rejected } : {}) },
            usage,
          );
        }
        rejected.push({ attempt, problems: check.problems });
        messages = [
          ...messages,
          { role: 'assistant', content: answer.content ?? answer.refusal ?? '' },
          feedbackMessage(check.problems),
        ];
      }
      return fallback(
        `no answer passed the checks in ${options.maxAttempts} attempts (last: ${rejected.at(-1)!.problems.slice(0, 3).join('; ')})`,
        'checks',
      );
    },

    async describeImage(image, bundle) {
      if (unavailable)
        return {
          ok: false,
          reason: `the model could not be reached: ${unavailable}`,
          unreachable: true,
          usage: emptyUsage(),
        };
      const draft = await draftImageDescription(client, image, bundle, {
        maxAttempts: Math.min(options.maxAttempts, 2),
        price,
        signal: giveUp.signal,
      });
      count(draft.usage);
      if (!draft.ok && draft.unreachable && !unavailable) {
        unavailable = draft.reason.replace(/^the model could not be reached: /, '');
        giveUp.abort();
      }
      return draft;
    },

    report() {
      const warnings: string[] = [];
      if (unavailable) {
        warnings.push(
          `The model at ${client.endpoint} could not be reached (${unavailable}). ${fellBack.size} section(s) use the offline writer's copy instead; run the same command again to retry them.`,
        );
      } else if (fellBack.size) {
        warnings.push(
          `${fellBack.size} section(s) use the offline writer's copy because no model answer passed the checks: ${[...fellBack].join(', ')} (see each section's provenance).`,
        );
      }
      return { warnings, usage: { ...totals, model: client.model } };
    },
  };
}

function hrefsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(hrefsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      k === 'href' && typeof v === 'string' ? [v] : hrefsIn(v),
    );
  }
  return [];
}
