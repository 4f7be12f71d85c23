import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';

/**
 * Every founder (`dreamseed founders list`): the demo founders and those
 * added with `founders add`, with their consultation progress and whether
 * they have DNA yet.
 */
export interface FounderRow {
  slug: string;
  user_id: string;
  business_name: string | null;
  customer_name: string | null;
  customer_email: string | null;
  /** The calls completed, e.g. [1, 2]. */
  calls: number[];
  transcripts: number;
  /** The DNA truth row's version, or null when the founder has no DNA yet. */
  dna_version: number | null;
  created_at: string;
}

export async function listFounders(db: Database): Promise<FounderRow[]> {
  const rows = await asService(db, (tx) =>
    tx.query<Omit<FounderRow, 'created_at'> & { created_at: Date | string }>(
      `select u.slug, u.id as user_id, coalesce(t.business_name, u.business_name) as business_name,
              u.customer_name, u.customer_email,
              array_remove(array[
                case when u.call_1_completed then 1 end, case when u.call_2_completed then 2 end,
                case when u.call_3_completed then 3 end, case when u.call_4_completed then 4 end], null) as calls,
              (select count(*)::int from public.transcripts_raw r where r.user_id = u.id) as transcripts,
              t.version as dna_version, u.created_at
         from public.users u
         left join public.dream_dna_truth t on t.user_id = u.id
        order by u.created_at, u.slug`,
    ),
  );
  return rows.map((r) => ({
    ...r,
    calls: (r.calls ?? []).map(Number),
    created_at: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  }));
}
