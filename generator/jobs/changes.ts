import type { Queryable } from '../db/database.ts';

/**
 * The change log (`site_build_changes`, written by the change-capture
 * triggers): a build job claims every change of its founder that no job has
 * taken (and, on a retry, the ones it took before), so changes made while a
 * build runs go to the next job and none is lost; a job that finds nothing
 * left was debounced into the one before it.
 */
export type ChangeKind = 'field' | 'type' | 'reading' | 'asset' | 'section' | 'setting' | 'template';

export interface ChangeRow {
  kind: ChangeKind;
  refs: string[];
  operation: 'insert' | 'update' | 'delete';
  actor: string | null;
  created_at: Date;
}

/** What a build is for, by kind: the fields, assets, sections… that changed (each once). */
export type ChangeSummary = Partial<Record<ChangeKind, string[]>> & {
  count: number;
  first_at: string | null;
};

export async function claimChanges(tx: Queryable, jobId: string, userId: string): Promise<ChangeRow[]> {
  await tx.query(
    `update public.site_build_changes set job_id = $1, claimed_at = now()
      where user_id = $2 and job_id is null`,
    [jobId, userId],
  );
  return tx.query<ChangeRow>(
    `select kind, refs, operation, actor, created_at from public.site_build_changes
      where job_id = $1 order by created_at, id`,
    [jobId],
  );
}

export function summariseChanges(rows: readonly ChangeRow[]): ChangeSummary {
  const out: ChangeSummary = { count: rows.length, first_at: null };
  for (const r of rows) {
    const list = new Set(out[r.kind] ?? []);
    for (const ref of r.refs) list.add(ref);
    out[r.kind] = [...list].sort();
  }
  const first = rows.map((r) => new Date(r.created_at).getTime()).sort((a, b) => a - b)[0];
  out.first_at = first === undefined ? null : new Date(first).toISOString();
  return out;
}

/** Founders with changes no job has taken: a job is requested for each (after a crash, or before pg-boss existed). */
export async function sitesWaiting(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ user_id: string }>(
    'select distinct user_id::text as user_id from public.site_build_changes where job_id is null',
  );
  return rows.map((r) => r.user_id);
}

/** Requests a build for each founder with waiting changes, as the triggers do; returns how many jobs were added. */
export async function enqueueWaiting(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ added: number }>(
    `select count(*) filter (where public.site_build_enqueue(w.user_id, now() + s.debounce_ms * interval '1 millisecond'))::int as added
       from (select distinct user_id from public.site_build_changes where job_id is null) w
       cross join build_queue.settings s`,
  );
  return row?.added ?? 0;
}
