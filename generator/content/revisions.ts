import { CHROME_PAGE, parseSlotName, sectionRef, slotName } from '../catalog/slots.ts';
import type { Queryable } from '../db/database.ts';
import type { WebsiteSectionsRow } from '../db/types.generated.ts';
import { errors } from '../errors.ts';
import type { StoredAlternative } from './alternatives.ts';
import type { Provenance } from './provenance.ts';

/**
 * Section revisions in `website_sections`: one row per revision of one section
 * (website, page, section_key); exactly one is current. Every change of content
 * — regeneration, a founder's edit, a chosen alternative, a restore — adds a
 * revision; earlier revisions stay readable and restorable. Status changes
 * (approve, reject) update the current revision in place. Queries run in the
 * caller's transaction, as the founder (RLS) or as the service role.
 */
export type SectionStatus = 'draft' | 'approved' | 'rejected' | 'needs_input';

/**
 * A `website_sections` row as `COLUMNS` reads it: the generated row type
 * (db/types.generated.ts), with the JSON columns typed as this module writes
 * them and `ai_confidence` read as a float (it is `numeric` in the table).
 */
export type SectionRow = Omit<WebsiteSectionsRow, 'updated_at' | keyof TypedColumns> & TypedColumns;

interface TypedColumns {
  content: unknown;
  provenance: (Provenance & { dna_hash?: string; [k: string]: unknown }) | null;
  ai_confidence: number | null;
  status: SectionStatus;
  alternatives: StoredAlternative[] | null;
  usage: Record<string, unknown> | null;
}

/** A section's current revision, as the write-sections stage reuses it. */
export interface PreviousSection {
  id: string;
  revision: number;
  type: string;
  status: SectionStatus;
  content: unknown;
  missing: string[];
  dnaHash: string | null;
  inputHash: string | null;
  editedByFounder: boolean;
  writer: string | null;
  provenance: Provenance | null;
  alternatives: StoredAlternative[];
}

export interface SectionIdentity {
  website_id: string;
  user_id: string;
  page: string;
  section_key: string;
  section_type: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `id, website_id, user_id, page, section_key, section_type, variant, position, revision, is_current,
  content, provenance, writer, model, ai_confidence::float8 as ai_confidence, status, missing_fields, alternatives,
  input_hash, usage, edited_by_founder, approved_at, approved_by, created_at`;

/** The founder's current revisions (of their one website), by page and key. */
export async function currentSections(tx: Queryable, userId: string): Promise<SectionRow[]> {
  return tx.query<SectionRow>(
    `select ${COLUMNS} from public.website_sections
      where user_id = $1 and is_current
      order by case when page = $2 then 1 else 0 end, page, position, section_key`,
    [userId, CHROME_PAGE],
  );
}

/** Current revisions as the write-sections stage reuses them. */
export async function previousSections(tx: Queryable, userId: string): Promise<Map<string, PreviousSection>> {
  const rows = await currentSections(tx, userId);
  return new Map(
    rows.map((r) => [
      sectionRef(r.page, r.section_key),
      {
        id: r.id,
        revision: r.revision,
        type: r.section_type,
        status: r.status,
        content: r.content,
        missing: r.missing_fields ?? [],
        dnaHash: typeof r.provenance?.dna_hash === 'string' ? r.provenance.dna_hash : null,
        inputHash: r.input_hash,
        editedByFounder: r.edited_by_founder,
        writer: r.writer,
        provenance: r.provenance,
        alternatives: r.alternatives ?? [],
      },
    ]),
  );
}

/**
 * Finds a section by the id of any of its revisions, or — with the founder —
 * by its key: `hero` (home page, else the one page that has it), `about/hero` or
 * `/about/hero` (page/key), or `*` pages' `header`.
 */
export async function resolveSection(
  tx: Queryable,
  idOrKey: string,
  userId?: string,
): Promise<SectionIdentity> {
  let rows: SectionIdentity[];
  if (UUID.test(idOrKey)) {
    rows = await tx.query<SectionIdentity>(
      `select website_id, user_id, page, section_key, section_type from public.website_sections where id = $1`,
      [idOrKey],
    );
    if (rows[0] && userId && rows[0].user_id !== userId)
      throw errors.notFound('section', idOrKey, 'That section belongs to another founder: check --user.');
  } else {
    if (!userId)
      throw errors.usage(
        `--section "${idOrKey}" is a section key, which needs --user to say whose.`,
        'Pass the section id from `dreamseed sections list --user ID`, or add --user.',
      );
    const { page, key, pageGiven } = parseSlotName(idOrKey);
    rows = await tx.query<SectionIdentity>(
      `select website_id, user_id, page, section_key, section_type from public.website_sections
        where user_id = $1 and section_key = $2 and (page = $3 or ($3 = '' and page = $4))
        order by case when page = $3 then 0 else 1 end limit 1`,
      [userId, key, page, CHROME_PAGE],
    );
    // A bare key not on the home page: the one page that has it, or the forms to choose from.
    if (!rows[0] && !pageGiven) {
      const elsewhere = await tx.query<SectionIdentity>(
        `select distinct on (page) website_id, user_id, page, section_key, section_type
           from public.website_sections where user_id = $1 and section_key = $2 order by page`,
        [userId, key],
      );
      if (elsewhere.length > 1) {
        throw errors.usage(
          `--section "${idOrKey}" is on ${elsewhere.length} pages.`,
          `Name one: ${elsewhere.map((r) => slotName(r.page, r.section_key)).join(', ')}.`,
        );
      }
      rows = elsewhere;
    }
  }
  if (!rows[0])
    throw errors.notFound(
      'section',
      idOrKey,
      'List the founder’s sections with `dreamseed sections list --user ID`.',
    );
  return rows[0];
}

export async function currentRevision(tx: Queryable, s: SectionIdentity): Promise<SectionRow> {
  const [row] = await tx.query<SectionRow>(
    `select ${COLUMNS} from public.website_sections
      where website_id = $1 and page = $2 and section_key = $3 and is_current`,
    [s.website_id, s.page, s.section_key],
  );
  if (!row)
    throw errors.notFound(
      'current revision of section',
      slotName(s.page, s.section_key),
      'Run `dreamseed generate` for the founder.',
    );
  return row;
}

export async function sectionHistory(tx: Queryable, s: SectionIdentity): Promise<SectionRow[]> {
  return tx.query<SectionRow>(
    `select ${COLUMNS} from public.website_sections
      where website_id = $1 and page = $2 and section_key = $3 order by revision`,
    [s.website_id, s.page, s.section_key],
  );
}

export interface NewRevision {
  content: unknown;
  status: SectionStatus;
  provenance: Record<string, unknown>;
  writer: string | null;
  model: string | null;
  aiConfidence: number | null;
  missing: string[];
  alternatives: StoredAlternative[];
  inputHash: string | null;
  usage: Record<string, unknown> | null;
  editedByFounder: boolean;
  variant?: string | null;
  position?: number;
}

/** Adds a revision and makes it current (the previous current one stays, no longer current). */
export async function addRevision(tx: Queryable, s: SectionIdentity, r: NewRevision): Promise<SectionRow> {
  const [latest] = await tx.query<{ revision: number; variant: string | null; position: number }>(
    `select coalesce(max(revision), 0) as revision,
            (select variant from public.website_sections where website_id = $1 and page = $2 and section_key = $3 and is_current) as variant,
            coalesce((select position from public.website_sections where website_id = $1 and page = $2 and section_key = $3 and is_current), 0) as position
       from public.website_sections where website_id = $1 and page = $2 and section_key = $3`,
    [s.website_id, s.page, s.section_key],
  );
  await tx.query(
    `update public.website_sections set is_current = false
      where website_id = $1 and page = $2 and section_key = $3 and is_current`,
    [s.website_id, s.page, s.section_key],
  );
  const [row] = await tx.query<SectionRow>(
    `insert into public.website_sections
       (website_id, user_id, page, section_key, section_type, variant, position, revision, is_current, content,
        provenance, writer, model, ai_confidence, status, missing_fields, alternatives, input_hash, usage, edited_by_founder)
     values ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     returning ${COLUMNS}`,
    [
      s.website_id,
      s.user_id,
      s.page,
      s.section_key,
      s.section_type,
      r.variant === undefined ? (latest?.variant ?? null) : r.variant,
      r.position ?? latest?.position ?? 0,
      Number(latest?.revision ?? 0) + 1,
      JSON.stringify(r.content ?? {}),
      JSON.stringify(r.provenance),
      r.writer,
      r.model,
      r.aiConfidence,
      r.status,
      r.missing,
      JSON.stringify(r.alternatives),
      r.inputHash,
      r.usage === null ? null : JSON.stringify(r.usage),
      r.editedByFounder,
    ],
  );
  return row!;
}

/** Approves or rejects the current revision (in place: a status is not new content). */
export async function setStatus(
  tx: Queryable,
  row: SectionRow,
  status: 'approved' | 'rejected',
  by: string,
): Promise<SectionRow> {
  const [updated] = await tx.query<SectionRow>(
    `update public.website_sections
        set status = $2,
            approved_at = case when $2 = 'approved' then now() else null end,
            approved_by = case when $2 = 'approved' then $3 else null end
      where id = $1 and is_current
      returning ${COLUMNS}`,
    [row.id, status, by],
  );
  return updated!;
}

/** The lowest confidence among the DNA fields a section used (website_sections.ai_confidence). */
export function lowestConfidence(provenance: Provenance): number | null {
  const values = provenance.fields.map((f) => f.confidence).filter((c): c is number => typeof c === 'number');
  return values.length ? Math.min(...values) : null;
}
