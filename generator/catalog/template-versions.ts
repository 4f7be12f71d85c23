import type { Queryable } from '../db/database.ts';
import type { Catalog } from './registry.ts';
import { syncTemplates } from './sync-templates.ts';

/**
 * Template versions. A build records the catalogue's `versionHash` of its
 * template on `generated_websites.template_version`; a site whose recorded
 * version is not the template's current one is stale: the next sync of the
 * catalogue requests a preview rebuild of it through the automatic-builds
 * queue (the `website_templates.version_hash` trigger,
 * supabase/migrations/20261206000000_template_versions.sql). Such a build is
 * never auto-published (generator/jobs/build-job.ts).
 */
export interface StaleSite {
  template_id: string;
  user_id: string;
  slug: string;
  site_slug: string | null;
  /** The version the site was built with (null: built before versions were recorded). */
  built_version: string | null;
  current_version: string;
  last_built_at: string | null;
}

/** The sites on `templateId` built with another version than the catalogue's current one, by slug. */
export async function staleSites(tx: Queryable, catalog: Catalog, templateId: string): Promise<StaleSite[]> {
  const template = catalog.templates.get(templateId);
  if (!template) return [];
  const rows = await tx.query<Omit<StaleSite, 'current_version'> & { last_built_at: Date | null }>(
    `select w.template_id, w.user_id::text as user_id, u.slug, w.site_slug, w.template_version as built_version,
            w.last_built_at
       from public.generated_websites w join public.users u on u.id = w.user_id
      where w.template_id = $1 and w.template_version is distinct from $2
      order by u.slug`,
    [templateId, template.versionHash],
  );
  return rows.map((r) => ({
    ...r,
    current_version: template.versionHash,
    last_built_at: r.last_built_at ? new Date(r.last_built_at).toISOString() : null,
  }));
}

export interface SyncOutcome {
  id: string;
  version_hash: string;
  changed: boolean;
  /** Founders whose preview rebuild this sync requested (the trigger's change-log rows of this transaction). */
  rebuilds: string[];
}

/**
 * Records the catalogue (`syncTemplates`) and reports, per template, the
 * founders whose preview rebuild the version trigger requested in this very
 * transaction. Nothing is built or published here: the worker builds.
 */
export async function syncTemplateVersions(tx: Queryable, catalog: Catalog): Promise<SyncOutcome[]> {
  const synced = await syncTemplates(tx, catalog);
  const requested = await tx.query<{ template_id: string; users: string[] }>(
    `select c.refs[1] as template_id, array_agg(distinct u.slug order by u.slug) as users
       from public.site_build_changes c join public.users u on u.id = c.user_id
      where c.kind = 'template' and c.xmin = pg_current_xact_id()::xid
      group by c.refs[1]`,
  );
  const byTemplate = new Map(requested.map((r) => [r.template_id, r.users]));
  return synced.map((s) => ({ ...s, rebuilds: byTemplate.get(s.id) ?? [] }));
}
