import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../../generator/catalog/registry.ts';
import { staleSites, syncTemplateVersions } from '../../../generator/catalog/template-versions.ts';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { setAutoPublish } from '../../../generator/jobs/auto-publish.ts';
import { runBuildJob } from '../../../generator/jobs/build-job.ts';
import { inlineRunner } from '../../../generator/jobs/runner.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * Template versions: a build records its template's version; `staleSites` names
 * the sites built with another one; a sync of a new version requests preview
 * rebuilds for exactly those through the build queue's change log, and the
 * build such a request makes never publishes, even with auto-publish on.
 */
const scratch = scratchFolders();
let db: Database;
let catalog: Catalog;
let template: string;
const ids = new Map<string, string>();

async function userId(slug: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('select id from public.users where slug = $1', [slug]);
  return row!.id;
}

/** A site row for a demo founder, built (as far as the records say) with `version`. */
async function siteBuiltWith(slug: string, version: string | null): Promise<void> {
  const id = await userId(slug);
  ids.set(slug, id);
  await asService(db, async (tx) => {
    await tx.query(`select set_config('dreamseed.origin', 'seed', true)`);
    await tx.query(
      `insert into public.generated_websites (user_id, template_id, theme_id, site_slug, template_version)
       values ($1, $2, 'hearth', $3, $4)`,
      [id, template, slug, version],
    );
  });
}

beforeAll(async () => {
  process.env.DREAMSEED_HOME = scratch('dreamseed-template-versions-');
  db = await openTestDatabase();
  catalog = await loadCatalog();
  const built = await generateSite({
    source: { kind: 'founder', idOrSlug: 'bakery' },
    db,
    writer: 'offline',
  });
  ids.set('bakery', built.founder.id);
  const [row] = await db.query<{ template_id: string }>(
    'select template_id from public.generated_websites where user_id = $1',
    [built.founder.id],
  );
  template = row!.template_id;
  await siteBuiltWith('dog-groomer', 'an-older-version');
  await siteBuiltWith('yoga-studio', null);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

describe('template versions', { timeout: 180_000 }, () => {
  it('a build records the catalogue version of its template', async () => {
    const [row] = await db.query<{ template_version: string }>(
      'select template_version from public.generated_websites where user_id = $1',
      [ids.get('bakery')],
    );
    expect(row!.template_version).toBe(catalog.templates.get(template)!.versionHash);
  });

  it('diff names the sites built with another version, and not the one built with the current', async () => {
    const stale = await asService(db, (tx) => staleSites(tx, catalog, template));
    expect(stale.map((s) => [s.slug, s.built_version])).toEqual([
      ['dog-groomer', 'an-older-version'],
      ['yoga-studio', null],
    ]);
    expect(new Set(stale.map((s) => s.current_version))).toEqual(
      new Set([catalog.templates.get(template)!.versionHash]),
    );
    const other = [...catalog.templates.keys()].find((t) => t !== template)!;
    expect(await asService(db, (tx) => staleSites(tx, catalog, other))).toEqual([]);
  });

  it('a sync of a new version requests preview rebuilds for the stale sites only, through the change log', async () => {
    // The database holds an older version of the template (as before the designer's change).
    await asService(db, async (tx) => {
      await tx.query(`select set_config('dreamseed.origin', 'seed', true)`);
      await tx.query(`update public.website_templates set version_hash = 'previous' where id = $1`, [
        template,
      ]);
    });
    const before = await db.query<{ n: number }>(
      `select count(*)::int as n from public.site_build_changes where kind = 'template'`,
    );
    const synced = await asService(db, (tx) => syncTemplateVersions(tx, catalog));
    const mine = synced.find((s) => s.id === template)!;
    expect(mine.rebuilds).toEqual(['dog-groomer', 'yoga-studio']);
    expect(synced.filter((s) => s.id !== template).every((s) => s.rebuilds.length === 0)).toBe(true);
    const changes = await db.query<{ slug: string; refs: string[]; job_id: string | null }>(
      `select u.slug, c.refs, c.job_id from public.site_build_changes c join public.users u on u.id = c.user_id
        where c.kind = 'template' order by u.slug`,
    );
    expect(changes.length - before[0]!.n).toBe(2);
    expect(changes.map((c) => [c.slug, c.refs])).toEqual([
      ['dog-groomer', [template]],
      ['yoga-studio', [template]],
    ]);
    // A second sync of the same version requests nothing more.
    const again = await asService(db, (tx) => syncTemplateVersions(tx, catalog));
    expect(again.flatMap((s) => s.rebuilds)).toEqual([]);
  });

  it('the build a template change requests rebuilds the preview and never publishes, even with auto-publish on', async () => {
    const user = ids.get('dog-groomer')!;
    await asService(db, (tx) => setAutoPublish(tx, user, true, null));
    const runner = inlineRunner(db);
    const out = await runBuildJob(
      { db, runner, config: loadConfig() },
      { id: crypto.randomUUID(), data: { user_id: user }, signal: new AbortController().signal },
    );
    expect(out.changes.template).toEqual([template]);
    expect(out.build).toBeDefined();
    expect(out.publish).toMatchObject({ status: 'preview-only' });
    const [deploys] = await db.query<{ n: number }>(
      'select count(*)::int as n from public.website_deployments where user_id = $1',
      [user],
    );
    expect(deploys!.n).toBe(0);
    const [site] = await db.query<{
      template_id: string;
      template_version: string;
      build_dir: string | null;
    }>('select template_id, template_version, build_dir from public.generated_websites where user_id = $1', [
      user,
    ]);
    expect(site!.build_dir).toBeTruthy();
    expect(site!.template_version).toBe(catalog.templates.get(site!.template_id)!.versionHash);
  });
});
