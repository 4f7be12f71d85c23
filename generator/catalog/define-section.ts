import type { z } from 'zod';
import type { AssetCategory, FactField } from '../dna/schema.ts';

/**
 * A section type (`sections/<type>/section.ts`): what it shows, which DNA it
 * reads, the shape of its content, its Astro variants and its offline copy.
 *
 * `reads` is the whole truth about what the section may know: the writers see
 * only these inputs, provenance records them, and a DNA change makes exactly the
 * sections that read a changed input stale.
 */
export type DnaInput = FactField | `media:${AssetCategory}` | 'type:business_archetype' | 'site:pages';

export interface ComposeContext {
  /** The business's own name, always known (falls back to the user's business_name). */
  readonly businessName: string;
  /** A declared fact, or undefined when the DNA does not hold it. Reading an undeclared input throws. */
  fact<K extends FactField>(field: K): FactValue<K> | undefined;
  /**
   * Our own copy: renders one of the section's Handlebars copy patterns for
   * `key`, chosen deterministically per business, skipping patterns whose facts
   * are missing, that exceed `max` characters, or that would repeat a sentence
   * already used on the site. Undefined when no pattern fits. `data` adds pattern
   * data; an undefined value leaves that fact out (patterns naming it are skipped).
   * Never use it for a founder's words shown as given (`verbatim`): de-duplication
   * would delete them.
   */
  text(key: string, options?: { data?: Record<string, unknown>; max?: number }): string | undefined;
  /**
   * The founder's own words shown as given — a service's name or description, an
   * FAQ, a quotation, a credential, a step, the story — with white space tidied
   * and, with `sentence`, a capital and a closing full stop. Undefined only when
   * the text is empty or longer than `max` (a founder's words are never cut).
   * Never refused for repeating: a fact may rightly stand twice (two services
   * "Quoted on site."; the services on the home page and the price list). Its
   * sentences are recorded, so that our own copy (`text`) does not repeat them.
   */
  verbatim(text: string, options?: { max?: number; sentence?: boolean }): string | undefined;
  /**
   * True when another section of the same page, `before` or `after` this one,
   * states this fact in full (it lists the fact in `states` and the DNA holds
   * what that section requires). Our copy here then leaves the fact to it, so
   * that a page does not say the same thing twice. False when the page plan is
   * not known (a section written on its own).
   */
  statedOnPage(field: FactField, where: 'before' | 'after'): boolean;
  /**
   * Founder media of a category (sorted; primary first), with alt text or null when the founder gave none.
   * `excludeUsed` leaves out assets an earlier section of the site already shows.
   */
  media(
    category: AssetCategory,
    options?: { excludeUsed?: boolean },
  ): { asset: string; alt: string | null; width: number | null; height: number | null }[];
  /** Pages of the site for navigation (`site:pages`). */
  pages(): { href: string; label: string }[];
  /**
   * A founder's fragment ready to sit mid-sentence: closing full stop dropped,
   * first word lower-cased unless it is a name (of the business, founder or a
   * place in the DNA), a day, an acronym… ("Bread and pastries" → "bread and pastries").
   */
  phrase(text: string): string;
  /** Formats a price the DNA holds, e.g. 45 → "$45". */
  money(amount: number): string;
}

export type FactValue<K extends FactField> = NonNullable<import('../dna/schema.ts').DnaTruth[K]>;

export type ComposeResult<T> = { status: 'ok'; content: T } | { status: 'missing'; missing: string[] };

export interface SectionDefinition<S extends z.ZodType = z.ZodType> {
  /** Folder name, snake_case: `hero`, `what_problem`. */
  type: string;
  label: string;
  description: string;
  /** Bumped when the content schema changes shape (part of the content cache key). */
  schemaVersion: number;
  reads: readonly DnaInput[];
  /** Inputs without which the section cannot be written. */
  requires: readonly DnaInput[];
  /**
   * Facts the section is written without when the DNA lacks them, showing what
   * is known (a hero with only the business name), yet which a visitor needs to
   * understand the page. A required section missing one is named in the
   * generate warnings, and the AI writer leaves such a section to the offline
   * writer (a model must not fill the gap). Each must be in `reads`.
   */
  wants?: readonly FactField[];
  /**
   * Facts the section exists to state in full ("who we serve" states `who_serves`).
   * Other sections of the same page leave them out of their own copy
   * (`ComposeContext.statedOnPage`). Each must be in `reads`.
   */
  states?: readonly FactField[];
  /** What happens when a required input is missing: leave the section out, or keep it for the founder to fill. */
  whenMissing: 'omit' | 'needs_input';
  /** Chrome sections (header, footer) appear on every page, outside `main`. */
  placement: 'header' | 'main' | 'footer';
  schema: S;
  /** Astro components `sections/<type>/<variant>.astro`; the first is the default. */
  variants: readonly [string, ...string[]];
  /** Handlebars copy patterns for the offline writer, by key. */
  patterns: Readonly<Record<string, readonly string[]>>;
  /** The offline writer: content from facts only, or which facts are missing. */
  compose(ctx: ComposeContext): ComposeResult<z.input<S>>;
}

export function defineSection<S extends z.ZodType>(definition: SectionDefinition<S>): SectionDefinition<S> {
  return definition;
}
