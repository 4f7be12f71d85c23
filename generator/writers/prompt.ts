import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { SectionDefinition } from '../catalog/define-section.ts';
import { briefFile } from '../catalog/section-brief.ts';
import { errors } from '../errors.ts';
import { repoRoot } from '../paths.ts';
import { voiceOf } from './prompts/voices.ts';

/**
 * Prompts for the AI writer, from Handlebars templates: the shared system
 * prompt and partials in `prompts/` (brand voice, grounding rules, form rules)
 * and each section's brief (`sections/<type>/prompt.hbs`). Only these templates — our own files — are ever compiled.
 * Founder text reaches a prompt only as JSON inside fenced DATA blocks, encoded
 * before rendering so that it cannot close a block, name a role, or add
 * markup: templates never see a raw founder string.
 *
 * A brief may start with a front-matter block naming fields the model must copy
 * verbatim from the reference draft:
 *
 *     ---
 *     keep: cta, image, items.*.price
 *     ---
 */
const PROMPTS = join(repoRoot, 'generator', 'writers', 'prompts');

const hbs = Handlebars.create();
const read = (name: string) => readFileSync(join(PROMPTS, name), 'utf8');
const sources = {
  system: read('system.hbs'),
  user: read('user.hbs'),
  feedback: read('feedback.hbs'),
  'brand-voice': read('partials/brand-voice.hbs'),
  'grounding-rules': read('partials/grounding-rules.hbs'),
  'form-rules': read('partials/form-rules.hbs'),
};
for (const name of ['brand-voice', 'grounding-rules', 'form-rules'] as const)
  hbs.registerPartial(name, sources[name]);
const compileOptions = { noEscape: true, strict: true, knownHelpersOnly: true } as const;
const systemTemplate = hbs.compile(sources.system, compileOptions);
const userTemplate = hbs.compile(sources.user, compileOptions);
const feedbackTemplate = hbs.compile(sources.feedback, compileOptions);
const sharedVersion = createHash('sha256')
  .update(JSON.stringify(sources))
  .update(readFileSync(join(PROMPTS, 'voices.ts')))
  .digest('hex');

export interface SectionBrief {
  /** Fields (dot paths, `*` for every array item) the model must copy verbatim from the reference draft. */
  keep: string[];
  template: HandlebarsTemplateDelegate;
  /** Hash of every template that makes this section's prompt: a new version means new copy. */
  version: string;
}

const briefs = new Map<string, SectionBrief | null>();

/** The section's AI brief, or null when it has none (the offline writer then writes it). */
export function briefOf(section: SectionDefinition): SectionBrief | null {
  if (briefs.has(section.type)) return briefs.get(section.type)!;
  const file = briefFile(section);
  const brief = file === null ? null : parseBrief(readFileSync(file, 'utf8'), file);
  briefs.set(section.type, brief);
  return brief;
}

export function parseBrief(source: string, where: string): SectionBrief {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const body = front ? source.slice(front[0].length) : source;
  const keep: string[] = [];
  for (const line of front?.[1]?.split('\n') ?? []) {
    const m = /^\s*keep:\s*(.*)$/.exec(line);
    if (m)
      keep.push(
        ...m[1]!
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (line.trim())
      throw errors.invalidInput(
        where,
        [`front matter: unknown line "${line.trim()}"`],
        'Only `keep: a, b.c, items.*.d` is allowed.',
      );
  }
  if (body.includes('{{{'))
    throw errors.invalidInput(
      where,
      ['triple-stash {{{ }}} is not allowed'],
      'Briefs are plain text with partials only.',
    );
  let template: HandlebarsTemplateDelegate;
  try {
    hbs.precompile(body, compileOptions);
    template = hbs.compile(body, compileOptions);
  } catch (error) {
    throw errors.invalidInput(
      where,
      [(error as Error).message.split('\n')[0]!],
      'Fix the Handlebars in the brief.',
    );
  }
  const version = createHash('sha256').update(sharedVersion).update(source).digest('hex').slice(0, 16);
  return { keep, template, version };
}

export interface PromptInput {
  section: SectionDefinition;
  brief: SectionBrief;
  type: Parameters<typeof voiceOf>[0];
  facts: Record<string, unknown>;
  reference: unknown;
  rejected: readonly unknown[];
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function buildMessages(input: PromptInput): ChatMessage[] {
  const facts = dataJson(input.facts);
  const reference = dataJson(input.reference);
  const rejected = input.rejected.length ? dataJson(input.rejected) : '';
  const marker = createHash('sha256')
    .update(facts)
    .update(reference)
    .update(rejected)
    .digest('hex')
    .slice(0, 12);
  const voice = voiceOf(input.type);
  const section = { label: input.section.label, description: input.section.description };
  const brief = input.brief.template({ section });
  return [
    { role: 'system', content: tidy(systemTemplate({ voice })) },
    {
      role: 'user',
      content: tidy(
        userTemplate({ section, brief, keep: input.brief.keep, marker, facts, reference, rejected }),
      ),
    },
  ];
}

export function feedbackMessage(problems: readonly string[]): ChatMessage {
  return { role: 'user', content: tidy(feedbackTemplate({ problems })) };
}

/**
 * JSON for a DATA block. `<`, `>` and `&` are escaped (as JSON allows), so no
 * founder text can open or close a block or look like a tag; line and paragraph
 * separators are escaped so the text cannot start a new line of the prompt.
 */
export function dataJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function tidy(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim();
}
