import type { SectionDefinition } from '../catalog/define-section.ts';
import { slotLabel } from '../catalog/slots.ts';
import type { Queryable } from '../db/database.ts';
import { errors } from '../errors.ts';
import {
  addRevision,
  currentRevision,
  type SectionIdentity,
  type SectionRow,
  sectionHistory,
  setStatus,
} from './revisions.ts';
import { applyEdits, type FieldEdit } from './section-edit.ts';

/**
 * What a founder does to a section, each in the caller's transaction (run as
 * the founder, so Row Level Security applies): approve or reject the current
 * revision; edit a field, restore an earlier revision or choose an alternative
 * — each of those a new revision marked as the founder's, which regeneration
 * never overwrites unless the founder asks.
 */
export async function approveSection(tx: Queryable, s: SectionIdentity, by: string): Promise<SectionRow> {
  const row = await currentRevision(tx, s);
  if (row.status === 'needs_input') {
    throw errors.sectionProtected(
      `${slotLabel(s.page, s.section_key)} (revision ${row.revision})`,
      'needs facts the DNA does not have yet, so there is no copy to approve.',
      'Fill it in with `dreamseed sections edit`, then approve it.',
    );
  }
  return row.status === 'approved' ? row : setStatus(tx, row, 'approved', by);
}

export async function rejectSection(tx: Queryable, s: SectionIdentity, by: string): Promise<SectionRow> {
  const row = await currentRevision(tx, s);
  if (row.status === 'needs_input') {
    throw errors.sectionProtected(
      slotLabel(s.page, s.section_key),
      'has no copy to reject yet.',
      'Fill it in with `dreamseed sections edit`.',
    );
  }
  return row.status === 'rejected' ? row : setStatus(tx, row, 'rejected', by);
}

export async function editSection(
  tx: Queryable,
  s: SectionIdentity,
  section: SectionDefinition,
  edits: readonly FieldEdit[],
  by: string,
): Promise<SectionRow> {
  const row = await currentRevision(tx, s);
  const media = await tx.query<{ id: string }>(
    'select id::text as id from public.media_assets where user_id = $1',
    [s.user_id],
  );
  const content = applyEdits(
    section,
    row.status === 'needs_input' ? {} : row.content,
    edits,
    new Set(media.map((m) => m.id)),
  );
  return addRevision(tx, s, {
    content,
    status: 'draft',
    provenance: {
      ...(row.provenance ?? { fields: [] }),
      writer: 'founder',
      edited: { fields: edits.map((e) => e.path), from_revision: row.revision, by },
    },
    writer: 'founder',
    model: null,
    aiConfidence: row.ai_confidence,
    missing: [],
    alternatives: row.alternatives ?? [],
    inputHash: row.input_hash,
    usage: null,
    editedByFounder: true,
  });
}

export async function restoreRevision(
  tx: Queryable,
  s: SectionIdentity,
  revision: number,
  by: string,
): Promise<SectionRow> {
  const rows = await sectionHistory(tx, s);
  const target = rows.find((r) => r.revision === revision);
  if (!target) {
    throw errors.notFound(
      `revision of ${slotLabel(s.page, s.section_key)}`,
      String(revision),
      `It has revisions ${rows.map((r) => r.revision).join(', ')}: see \`dreamseed sections history\`.`,
    );
  }
  if (target.is_current)
    throw errors.sectionProtected(
      `${slotLabel(s.page, s.section_key)} revision ${revision}`,
      'is already the current revision.',
      'Nothing to restore.',
    );
  return addRevision(tx, s, {
    content: target.content,
    status: target.status === 'needs_input' ? 'needs_input' : 'draft',
    provenance: { ...(target.provenance ?? { fields: [] }), restored: { from_revision: revision, by } },
    writer: target.writer,
    model: target.model,
    aiConfidence: target.ai_confidence,
    missing: target.missing_fields ?? [],
    alternatives: target.alternatives ?? [],
    inputHash: target.input_hash,
    usage: null,
    editedByFounder: true,
  });
}

export async function chooseAlternative(
  tx: Queryable,
  s: SectionIdentity,
  choice: string,
  by: string,
): Promise<SectionRow> {
  const row = await currentRevision(tx, s);
  const alternatives = row.alternatives ?? [];
  const alt = /^\d+$/.test(choice)
    ? alternatives[Number(choice) - 1]
    : alternatives.find((a) => a.id === choice);
  if (!alt) {
    throw errors.notFound(
      `alternative of ${slotLabel(s.page, s.section_key)}`,
      choice,
      alternatives.length
        ? `Choose one of: ${alternatives.map((a, i) => `${i + 1} (${a.id})`).join(', ')}.`
        : 'This section has no alternatives (its facts are confident, or confirmed by the founder).',
    );
  }
  return addRevision(tx, s, {
    content: alt.content,
    status: 'draft',
    provenance: {
      ...(row.provenance ?? { fields: [] }),
      writer: alt.writer,
      model: alt.model,
      chosen_alternative: {
        id: alt.id,
        field: alt.field,
        reading: alt.reading,
        confidence: alt.confidence,
        by,
      },
    },
    writer: alt.writer,
    model: alt.model,
    aiConfidence: row.ai_confidence,
    missing: [],
    alternatives,
    inputHash: row.input_hash,
    usage: null,
    editedByFounder: true,
  });
}
