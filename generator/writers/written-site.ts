import type { StoredAlternative } from '../content/alternatives.ts';
import type { Provenance } from '../content/provenance.ts';
import type { WriteUsage } from './writer.ts';

/**
 * What the write-sections stage hands on: every section of one founder's site,
 * written in this run or reused, page by page, with the header and footer. The
 * site spec, the brand stage and the database record read it.
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
