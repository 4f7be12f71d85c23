import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { checkGrounding, describeProblem, type GroundingProblem } from '../content/grounding.ts';
import { cleanText } from '../dna/clean-facts.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { ChatClient, ModelMessage } from './openai-client.ts';
import { ModelUnavailableError } from './retry.ts';
import { addUsage, callUsage, emptyUsage, type Price } from './usage.ts';
import type { WriteUsage } from './writer.ts';

/**
 * A description (alt text) drafted from an image by a vision-capable model,
 * for a photo the founder has not described. The model sees the image only:
 * no fact of the business, no file name, so it can say nothing but what the
 * image shows, and it is asked for exactly that. Its answer is checked like
 * any model answer (no markup, links, names, claims or quotations the DNA does
 * not hold; the shape of an alt text) and asked again with the problems named.
 *
 * The result is a draft: it is stored apart from the founder's descriptions
 * and never shown on a site until the founder confirms it (`files describe`).
 */
export interface ImageToDescribe {
  /** The image as JPEG, upright, without metadata, at most about 1024 px a side (prepared by the caller). */
  jpeg: Buffer;
}

export type DescriptionDraft =
  | { ok: true; text: string; model: string; attempts: number; usage: WriteUsage }
  | { ok: false; reason: string; unreachable: boolean; usage: WriteUsage };

/** Longest draft asked for (the alt text limit is 200). */
export const DRAFT_MAX = 150;

const SYSTEM = [
  "You draft the alt text of a photo on a small business's website. The founder reads your draft and confirms or changes it before anyone sees it.",
  'Describe only what the image itself shows: the subject, what is happening, the setting, notable colours or light.',
  '- Do not name or guess people, places, brands, businesses, products or events. Do not read a purpose, a quality or a feeling into the image.',
  '- No claims or praise, and no words that do not appear in the image as text.',
  `- One plain sentence of at most ${DRAFT_MAX} characters, in sentence case, without a lead-in such as "Image of" or "Photo of".`,
  '- If you cannot tell what the image shows, answer null.',
].join('\n');

const answerSchema = z.strictObject({ description: z.string().nullable() });
const format = zodResponseFormat(answerSchema, 'image_description');

/** Problem kinds that apply to a description of what an image shows (counting what is visible is fine). */
const CHECKED: ReadonlySet<GroundingProblem['kind']> = new Set([
  'email',
  'url',
  'claim',
  'markup',
  'name',
  'quote',
]);

export async function draftImageDescription(
  client: ChatClient,
  image: ImageToDescribe,
  bundle: DnaBundle,
  options: { maxAttempts: number; price: Price | null; signal?: AbortSignal },
): Promise<DescriptionDraft> {
  let usage = emptyUsage();
  if (options.price === null) usage.cost_usd = null;
  let messages: ModelMessage[] = [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Draft the alt text of this image.' },
        {
          type: 'image_url',
          image_url: { url: `data:image/jpeg;base64,${image.jpeg.toString('base64')}`, detail: 'low' },
        },
      ],
    },
  ];
  let last: string[] = [];
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    let answer: Awaited<ReturnType<ChatClient['complete']>>;
    try {
      answer = await client.complete(messages, format, options.signal);
    } catch (error) {
      // A refused request (a model that takes no images, say) is this draft's failure; anything else
      // means the model cannot be reached at all.
      const refused = error instanceof ModelUnavailableError && error.failure.kind === 'request';
      const reason = error instanceof Error ? error.message : String(error);
      return refused
        ? { ok: false, reason: `the model refused the image: ${reason}`, unreachable: false, usage }
        : { ok: false, reason: `the model could not be reached: ${reason}`, unreachable: true, usage };
    }
    usage = addUsage(usage, callUsage(answer.usage, options.price));
    const check = answer.refusal
      ? { ok: false as const, problems: [`the model refused: ${answer.refusal}`] }
      : checkDescription(answer.content, bundle);
    if (check.ok) return { ok: true, text: check.text, model: answer.model, attempts: attempt, usage };
    if (check.none)
      return {
        ok: false,
        reason: 'the model could not tell what the image shows',
        unreachable: false,
        usage,
      };
    last = check.problems;
    messages = [
      ...messages,
      { role: 'assistant', content: answer.content ?? answer.refusal ?? '' },
      {
        role: 'user',
        content: `That draft was not accepted:\n${check.problems.map((p) => `- ${p}`).join('\n')}\n\nAnswer again with the JSON object, describing only what the image shows.`,
      },
    ];
  }
  return {
    ok: false,
    reason: `no draft passed the checks (last: ${last.slice(0, 2).join('; ')})`,
    unreachable: false,
    usage,
  };
}

type Check = { ok: true; text: string } | { ok: false; none?: boolean; problems: string[] };

/** An answer as a description: JSON of the schema, one alt-text sentence, nothing the image cannot show. */
export function checkDescription(raw: string | null, bundle: DnaBundle): Check {
  let parsed: z.infer<typeof answerSchema>;
  try {
    parsed = answerSchema.parse(JSON.parse(raw ?? ''));
  } catch {
    return {
      ok: false,
      problems: ['answer with one JSON object: {"description": "…"} or {"description": null}'],
    };
  }
  if (parsed.description === null) return { ok: false, none: true, problems: [] };
  const text = parsed.description.replace(/\s+/g, ' ').trim();
  const problems: string[] = [];
  if (!text) problems.push('description: it is empty; describe the image, or answer null');
  if (text.length > DRAFT_MAX)
    problems.push(`description: ${text.length} characters; keep it to ${DRAFT_MAX}`);
  if (/^(?:an?\s+)?(?:image|picture|photo(?:graph)?)\s+(?:of|showing)\b/i.test(text))
    problems.push('description: leave out the lead-in ("Image of …")');
  if (cleanText(text).found.length)
    problems.push('description: plain words only (no markup, links or instructions)');
  for (const p of checkGrounding({ description: text }, bundle))
    if (CHECKED.has(p.kind)) problems.push(describeProblem(p));
  return problems.length ? { ok: false, problems: [...new Set(problems)] } : { ok: true, text };
}
