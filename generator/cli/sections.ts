import { loadCatalog } from '../catalog/registry.ts';
import { pagePath } from '../catalog/slots.ts';
import {
  currentRevision,
  currentSections,
  resolveSection,
  type SectionIdentity,
  type SectionRow,
  sectionHistory,
} from '../content/revisions.ts';
import {
  approveSection,
  chooseAlternative,
  editSection,
  rejectSection,
  restoreRevision,
} from '../content/section-actions.ts';
import { staleSections } from '../content/staleness.ts';
import type { Queryable } from '../db/database.ts';
import { asFounder, asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { loadBundleFromDb } from '../stages/load-dna.ts';
import { parseWriterName } from '../writers/writer-name.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed sections …`: a founder's sections and their revisions. `list`,
 * `show`, `history` and `regenerate` are operator commands (service role);
 * `approve`, `reject`, `edit`, `restore` and `choose` are the founder's own
 * actions and run as the founder (their auth user, so Row Level Security
 * applies), or as the operator when the founder has no sign-in yet (recorded
 * as such).
 */
interface Flags extends JsonFlag {
  user?: string;
  section?: string;
}

/** `dreamseed sections list` (declared in commands/sections.ts). */
export async function list(flags: Flags): Promise<void> {
  const data = await withDb((db) =>
    asService(db, async (tx) => {
      const bundle = await loadBundleFromDb(tx, flags.user!);
      const rows = await currentSections(tx, bundle.user.id);
      const [site] = await tx.query<{
        site_structure: { template?: string; pages?: { path: string; label: string }[] } | null;
      }>(
        'select site_structure from public.generated_websites where user_id = $1 order by created_at limit 1',
        [bundle.user.id],
      );
      const [spent] = await tx.query<{
        calls: number;
        tokens: number;
        cost: number | null;
        revisions: number;
      }>(
        `select coalesce(sum((usage->>'calls')::int), 0)::int as calls,
                coalesce(sum((usage->>'total_tokens')::int), 0)::int as tokens,
                sum((usage->>'cost_usd')::float8) as cost, count(*)::int as revisions
           from public.website_sections where user_id = $1`,
        [bundle.user.id],
      );
      const stale = staleSections(await loadCatalog(), bundle, rows, site?.site_structure ?? null);
      return { bundle, rows, stale, spent: spent! };
    }),
  );
  const list = data.rows.map((r) => ({
    id: r.id,
    page: pagePath(r.page),
    key: r.section_key,
    type: r.section_type,
    status: r.status,
    revision: r.revision,
    writer: r.writer,
    model: r.model,
    edited_by_founder: r.edited_by_founder,
    stale: data.stale.has(r.id),
    alternatives: (r.alternatives ?? []).length,
    tokens: Number(r.usage?.total_tokens ?? 0),
    missing: r.missing_fields,
  }));
  const usage = {
    model_calls: data.spent.calls,
    total_tokens: data.spent.tokens,
    cost_usd: data.spent.cost,
    revisions: data.spent.revisions,
  };
  printResult(
    flags,
    { founder: { id: data.bundle.user.id, slug: data.bundle.user.slug }, sections: list, usage },
    () => {
      if (!list.length) {
        info(
          `No sections yet for ${data.bundle.user.slug}: run \`dreamseed generate --user ${data.bundle.user.slug}\`.`,
        );
        return;
      }
      printTable(list as unknown as Record<string, unknown>[], [
        'id',
        'page',
        'key',
        'status',
        'revision',
        'writer',
        'edited_by_founder',
        'stale',
        'alternatives',
        'tokens',
      ]);
      info(
        `${list.filter((s) => s.stale).length} stale (a fact they read changed). Site total: ${usage.model_calls} model calls, ${usage.total_tokens} tokens${usage.cost_usd === null ? '' : `, about $${usage.cost_usd.toFixed(4)}`}, over ${usage.revisions} revisions.`,
      );
    },
  );
}

/** `dreamseed sections show`. */
export async function show(flags: Flags): Promise<void> {
  const row = await withDb((db) =>
    asService(db, async (tx) => currentRevision(tx, await resolve(tx, flags))),
  );
  printResult(flags, rowJson(row, true), () => {
    info(
      `${paint('bold', `${pagePath(row.page)} ${row.section_key}`)} — revision ${row.revision}, ${row.status}, written by ${row.writer}${row.model ? ` (${row.model})` : ''}`,
    );
    printJson(row.content);
    for (const [i, a] of (row.alternatives ?? []).entries())
      info(
        `alternative ${i + 1} (${a.id}, confidence ${a.confidence ?? '?'}): if ${a.field} is "${a.reading}"`,
      );
  });
}

/** `dreamseed sections history`. */
export async function history(flags: Flags): Promise<void> {
  const rows = await withDb((db) =>
    asService(db, async (tx) => sectionHistory(tx, await resolve(tx, flags))),
  );
  printResult(flags, { revisions: rows.map((r) => rowJson(r, true)) }, () =>
    printTable(
      rows.map((r) => ({
        revision: r.revision,
        current: r.is_current ? 'yes' : '',
        status: r.status,
        writer: r.writer,
        model: r.model,
        edited_by_founder: r.edited_by_founder,
        created_at: r.created_at,
        id: r.id,
      })),
      ['revision', 'current', 'status', 'writer', 'model', 'edited_by_founder', 'created_at', 'id'],
    ),
  );
}

/** `dreamseed sections regenerate`: rewrites one section, then rebuilds the site. */
export async function regenerate(flags: Flags & { writer?: string }): Promise<void> {
  const writer = parseWriterName(flags.writer);
  const { row, summary } = await withDb(async (db) => {
    const identity = await asService(db, async (tx) => {
      const bundle = await loadBundleFromDb(tx, flags.user!);
      return resolveSection(tx, flags.section!, bundle.user.id);
    });
    const { generateSiteDetailed } = await import('../pipeline.ts');
    const { summary } = await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: identity.user_id },
      db,
      writer,
      regenerate: [{ page: identity.page, key: identity.section_key }],
    });
    for (const w of summary.warnings) warn(w);
    return { summary, row: await asService(db, (tx) => currentRevision(tx, identity)) };
  });
  printResult(flags, { section: rowJson(row, true), usage: summary.usage, warnings: summary.warnings }, () =>
    info(
      `${pagePath(row.page)} ${row.section_key}: revision ${row.revision} (${row.status}), written by ${row.writer}${row.model ? ` (${row.model})` : ''}. Site rebuilt in ${summary.out_dir}/.`,
    ),
  );
}

type FounderFlags = Flags & Record<string, unknown>;

/** `dreamseed sections approve`. */
export function approve(flags: FounderFlags): Promise<void> {
  return founderAction(flags, (tx, s, by) => approveSection(tx, s, by));
}

/** `dreamseed sections reject`. */
export function reject(flags: FounderFlags): Promise<void> {
  return founderAction(flags, (tx, s, by) => rejectSection(tx, s, by));
}

/** `dreamseed sections edit --field PATH --value TEXT …`. */
export function edit(flags: FounderFlags): Promise<void> {
  return founderAction(flags, async (tx, s, by) => {
    const fields = flags.field as string[];
    const values = flags.value as string[];
    if (fields.length !== values.length)
      throw errors.usage(
        `Give one --value for each --field (got ${fields.length} fields and ${values.length} values).`,
        'Example: --field headline --value "Fresh bread" --field lede --value "Baked every morning."',
      );
    const section = (await loadCatalog()).sections.get(s.section_type);
    if (!section)
      throw errors.notFound(
        'section type',
        s.section_type,
        'The section type was removed from the catalogue.',
      );
    return editSection(
      tx,
      s,
      section,
      fields.map((path, i) => ({ path, value: values[i]! })),
      by,
    );
  });
}

/** `dreamseed sections restore --revision N`. */
export function restore(flags: FounderFlags): Promise<void> {
  return founderAction(flags, (tx, s, by) => {
    const n = Number(flags.revision);
    if (!Number.isInteger(n) || n < 1)
      throw errors.usage(
        `--revision must be a revision number; got "${flags.revision}".`,
        'See `dreamseed sections history --section ID`.',
      );
    return restoreRevision(tx, s, n, by);
  });
}

/** `dreamseed sections choose --alternative N`. */
export function choose(flags: FounderFlags): Promise<void> {
  return founderAction(flags, (tx, s, by) => chooseAlternative(tx, s, String(flags.alternative), by));
}

/**
 * A founder's own action on one section: as the founder (their auth user, so
 * Row Level Security applies), or as the operator when the founder has no
 * sign-in yet (recorded as such).
 */
async function founderAction(
  flags: FounderFlags,
  act: (tx: Queryable, s: SectionIdentity, by: string) => Promise<SectionRow>,
): Promise<void> {
  const { row, authUserId } = await withDb(async (db) => {
    const { identity, authUserId } = await asService(db, async (tx) => {
      const userId = flags.user ? (await loadBundleFromDb(tx, flags.user)).user.id : undefined;
      const identity = await resolve(tx, { ...flags, user: userId });
      const [owner] = await tx.query<{ auth_user_id: string | null }>(
        'select auth_user_id from public.users where id = $1',
        [identity.user_id],
      );
      return { identity, authUserId: owner?.auth_user_id ?? null };
    });
    const run = (by: string) => (tx: Queryable) => act(tx, identity, by);
    const row = authUserId
      ? await asFounder(db, authUserId, run(authUserId))
      : await asService(db, run('operator'));
    return { row, authUserId };
  });
  if (!authUserId)
    warn('this founder has no sign-in yet: the change was made as the operator (recorded as "operator").');
  printResult(flags, rowJson(row, true), () =>
    info(
      `${pagePath(row.page)} ${row.section_key}: revision ${row.revision} is current (${row.status}${row.edited_by_founder ? ', the founder’s' : ''}). Rebuild the site with: dreamseed generate --user ${row.user_id}`,
    ),
  );
}

async function resolve(tx: Queryable, flags: Flags): Promise<SectionIdentity> {
  const userId = flags.user ? (await loadBundleFromDb(tx, flags.user)).user.id : undefined;
  return resolveSection(tx, flags.section!, userId);
}

function rowJson(r: SectionRow, withContent: boolean): Record<string, unknown> {
  return {
    id: r.id,
    page: pagePath(r.page),
    key: r.section_key,
    type: r.section_type,
    revision: r.revision,
    current: r.is_current,
    status: r.status,
    writer: r.writer,
    model: r.model,
    edited_by_founder: r.edited_by_founder,
    approved_at: r.approved_at,
    approved_by: r.approved_by,
    input_hash: r.input_hash,
    usage: r.usage,
    missing: r.missing_fields,
    created_at: r.created_at,
    ...(withContent
      ? { content: r.content, provenance: r.provenance, alternatives: r.alternatives ?? [] }
      : {}),
  };
}
