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

export interface SectionImage {
  /** media_assets id (or bundle index key) the build resolves to sized variants. */
  asset: string;
  alt: string;
}

export interface ComposeContext {
  /** The business's own name, always known (falls back to the user's business_name). */
  readonly businessName: string;
  /** A declared fact, or undefined when the DNA does not hold it. Reading an undeclared input throws. */
  fact<K extends FactField>(field: K): FactValue<K> | undefined;
  /**
   * Renders one of the section's Handlebars copy patterns for `key`, chosen
   * deterministically per business, skipping patterns whose facts are missing,
   * that exceed `max` characters, or that would repeat a sentence already used on
   * the site. Undefined when no pattern fits.
   */
  text(key: string, options?: { data?: Record<string, unknown>; max?: number }): string | undefined;
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
  /** What happens when a required input is missing: leave the section out, or keep it for the founder to fill. */
  whenMissing: 'omit' | 'needs_input';
  /** Chrome sections (header, footer) appear on every page, outside `main`. */
  placement: 'header' | 'main' | 'footer';
  schema: S;
  /** Astro components `sections/<type>/<variant>.astro`; the first is the default. */
  variants: readonly [string, ...string[]];
  /** Handlebars copy patterns for the offline writer, by key. */
  patterns: Readonly<Record<string, readonly string[]>>;
  /**
   * The AI writer's brief for this section (Handlebars, our own text; see
   * generator/writers/prompts/README.md). Optional: without it (and without a
   * `sections/<type>/prompt.hbs`), the offline writer writes the section.
   */
  prompt?: string;
  /** The offline writer: content from facts only, or which facts are missing. */
  compose(ctx: ComposeContext): ComposeResult<z.input<S>>;
}

export function defineSection<S extends z.ZodType>(definition: SectionDefinition<S>): SectionDefinition<S> {
  return definition;
}
