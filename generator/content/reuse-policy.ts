import type { SectionDefinition } from '../catalog/define-section.ts';
import { slotLabel } from '../catalog/slots.ts';
import { assetRefsIn, withoutAssets } from './asset-refs.ts';
import type { PreviousSection } from './revisions.ts';

/**
 * Whether a section's current revision is reused as it is or the section is
 * written anew, decided from explicit inputs alone (no database, no writer):
 *
 * - the founder asked for the rewrite (`force`): written, replacing even
 *   approved or edited copy, and avoiding the current content;
 * - no current revision (or one of another section type): written;
 * - the current content no longer fits the section's schema: written anew
 *   (with a warning when it was approved or edited);
 * - approved or founder-edited copy is kept, marked stale when a fact it reads
 *   changed; when an image it shows is no longer among the founder's files it is
 *   kept without the image, or written anew when the section cannot do without;
 * - rejected copy is rewritten, avoiding the rejected content;
 * - otherwise the draft is reused unless a fact it reads changed, or the AI
 *   writer now writes what another writer wrote (`upgrade`) — not when this
 *   writer already failed the checks on these very facts (it would pay for the
 *   same refusals on every run).
 */
export interface ReuseInput {
  /** The slot: page slug and section key (for the warnings). */
  page: string;
  key: string;
  section: Pick<SectionDefinition, 'type' | 'schema'>;
  /** The slot's current revision, if any; one of another section type is not reused. */
  previous: PreviousSection | null | undefined;
  /** Hash of what the section reads now (`dnaHash`), and of that with the writer's identity (`inputHash`). */
  dnaHash: string;
  inputHash: string;
  /** The writer that would write the section now (`WriterIdentity.writer`). */
  writer: string;
  /** The founder asked for this rewrite. */
  force: boolean;
  /** Drafts another writer wrote may be rewritten by the AI writer. */
  upgrade: boolean;
  /** The founder's files (asset ids) a section may show. */
  knownAssets: ReadonlySet<string>;
}

export type ReuseReason = 'unchanged' | 'kept' | 'kept-without-image';
export type WriteReason =
  | 'new'
  | 'forced'
  | 'unusable'
  | 'image-removed'
  | 'rejected'
  | 'changed'
  | 'upgrade';

export type ReuseDecision =
  | {
      kind: 'reuse';
      reason: ReuseReason;
      /** The revision to reuse (its content without a removed image, when `kept-without-image`). */
      previous: PreviousSection;
      /** Approved or edited copy kept although what it reads changed (or lost an image). */
      stale: boolean;
      warning: string | null;
    }
  | {
      kind: 'write';
      reason: WriteReason;
      /** The revision the new copy replaces, if any. */
      previous: PreviousSection | null;
      /** Contents the writer should not repeat. */
      avoid: unknown[];
      /** The new copy replaces even approved or edited copy. */
      override: boolean;
      warning: string | null;
    };

export function decideReuse(input: ReuseInput): ReuseDecision {
  const { section } = input;
  const previous = input.previous && input.previous.type === section.type ? input.previous : null;
  if (input.force) return write('forced', previous, previous?.content ? [previous.content] : [], true);
  if (!previous) return write('new', null, [], false);
  const label = slotLabel(input.page, input.key);
  const protectedRevision = previous.status === 'approved' || previous.editedByFounder;
  const usable = previous.status === 'needs_input' || section.schema.safeParse(previous.content).success;
  if (!usable) {
    const warning = protectedRevision
      ? `${label}: the approved or edited copy no longer fits the section and was rewritten as a draft.`
      : null;
    return write('unusable', previous, [], true, warning);
  }
  if (protectedRevision && previous.status !== 'needs_input') {
    const kept = withoutRemovedImages(input, previous, label);
    if (kept) return kept;
  }
  const changed = previous.dnaHash !== input.dnaHash;
  if (protectedRevision) {
    const warning = changed
      ? `${label} is ${previous.status === 'approved' ? 'approved' : 'edited by the founder'} but a fact it reads has changed: review it (dreamseed sections regenerate).`
      : null;
    return { kind: 'reuse', reason: 'kept', previous, stale: changed, warning };
  }
  if (previous.status === 'rejected') return write('rejected', previous, [previous.content], false);
  if (changed) return write('changed', previous, [], false);
  if (upgrades(input, previous)) return write('upgrade', previous, [], false);
  return { kind: 'reuse', reason: 'unchanged', previous, stale: false, warning: null };
}

/**
 * An image the approved or edited copy shows was removed from the founder's files: the founder's
 * words are kept, without the image, when the section can show them so; otherwise the section is
 * written anew. Null when every image it shows is still there.
 */
function withoutRemovedImages(
  input: ReuseInput,
  previous: PreviousSection,
  label: string,
): ReuseDecision | null {
  const gone = new Set(assetRefsIn(previous.content).filter((asset) => !input.knownAssets.has(asset)));
  if (!gone.size) return null;
  const copy = previous.status === 'approved' ? 'approved' : 'edited';
  const kept = withoutAssets(previous.content, gone);
  if (!input.section.schema.safeParse(kept).success) {
    const warning = `${label}: an image its ${copy} copy showed is no longer among the founder's files, so it was rewritten as a draft.`;
    return write('image-removed', previous, [], true, warning);
  }
  return {
    kind: 'reuse',
    reason: 'kept-without-image',
    previous: { ...previous, content: kept },
    stale: true,
    warning: `${label}: an image its ${copy} copy showed is no longer among the founder's files; it is shown without it (choose another with dreamseed sections edit).`,
  };
}

/**
 * Copy another writer wrote (the offline writer, or an earlier fallback) where the AI writer now
 * writes is rewritten. Not when this writer already failed the checks on these very facts (the
 * founder can still ask with `sections regenerate`).
 */
function upgrades(input: ReuseInput, previous: PreviousSection): boolean {
  const failedChecks =
    previous.provenance?.fallback?.kind === 'checks' && previous.inputHash === input.inputHash;
  return (
    input.upgrade &&
    input.writer !== 'offline' &&
    previous.status === 'draft' &&
    previous.writer !== input.writer &&
    !failedChecks
  );
}

function write(
  reason: WriteReason,
  previous: PreviousSection | null,
  avoid: unknown[],
  override: boolean,
  warning: string | null = null,
): ReuseDecision {
  return { kind: 'write', reason, previous, avoid, override, warning };
}
