import type { Command } from 'commander';
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
import type { Database, Queryable } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { asFounder, asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { generateSiteDetailed } from '../pipeline.ts';
import { loadBundleFromDb } from '../stages/load-dna.ts';
import { parseWriterName } from '../writers/select-writer.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';

/**
 * `dreamseed sections …`: a founder's sections and their revisions. `list`,
 * `show`, `history` and `regenerate` are operator commands (service role);
 * `approve`, `reject`, `edit`, `restore` and `choose` are the founder's own
 * actions and run as the founder (their auth user, so Row Level Security
 * applies), or as the operator when the founder has no sign-in yet (recorded
 * as such).
 */
interface Flags {
  user?: string;
  section?: string;
  json?: boolean;
}

export function registerSectionsCommands(program: Command): void {
  const sections = program
    .command('sections')
    .description("a founder's website sections: list, review, edit, regenerate, history");

  sections
    .command('list')
    .description('the current revision of every section: status, writer, stale or not, alternatives, tokens')
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .option('--json', 'print the sections as JSON')
    .action((flags: Flags) =>
      withDb(async (db) => {
        const data = await asService(db, async (tx) => {
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
        });
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
        if (flags.json)
          return printJson({
            founder: { id: data.bundle.user.id, slug: data.bundle.user.slug },
            sections: list,
            usage,
          });
        if (!list.length)
          return info(
            `No sections yet for ${data.bundle.user.slug}: run \`dreamseed generate --user ${data.bundle.user.slug}\`.`,
          );
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
      }),
    );

  sections
    .command('show')
    .description('the current content of one section, its provenance and its alternatives')
    .requiredOption('--section <id>', 'section id (or, with --user, its key: hero, about/hero)')
    .option('--user <id>', 'the founder (user id or slug)')
    .option('--json', 'print the section as JSON')
    .action((flags: Flags) =>
      withDb(async (db) => {
        const row = await asService(db, async (tx) => currentRevision(tx, await resolve(tx, flags)));
        if (flags.json) return printJson(rowJson(row, true));
        info(
          `${paint('bold', `${pagePath(row.page)} ${row.section_key}`)} — revision ${row.revision}, ${row.status}, written by ${row.writer}${row.model ? ` (${row.model})` : ''}`,
        );
        printJson(row.content);
        for (const [i, a] of (row.alternatives ?? []).entries())
          info(
            `alternative ${i + 1} (${a.id}, confidence ${a.confidence ?? '?'}): if ${a.field} is "${a.reading}"`,
          );
      }),
    );

  sections
    .command('history')
    .description('every revision of one section, oldest first')
    .requiredOption('--section <id>', 'section id (or, with --user, its key)')
    .option('--user <id>', 'the founder (user id or slug)')
    .option('--json', 'print the revisions (with their content) as JSON')
    .action((flags: Flags) =>
      withDb(async (db) => {
        const rows = await asService(db, async (tx) => sectionHistory(tx, await resolve(tx, flags)));
        if (flags.json) return printJson({ revisions: rows.map((r) => rowJson(r, true)) });
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
        );
      }),
    );

  sections
    .command('regenerate')
    .description(
      'rewrite one section now (even if approved or edited: the founder asked), then rebuild the site',
    )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .requiredOption('--section <id>', 'section id or key (hero, about/hero, header)')
    .option('--writer <name>', 'offline or openai (default: openai when OPENAI_API_KEY is set)')
    .option('--json', 'print the new revision and the run’s usage as JSON')
    .action((flags: Flags & { writer?: string }) =>
      withDb(async (db) => {
        const writer = parseWriterName(flags.writer);
        const identity = await asService(db, async (tx) => {
          const bundle = await loadBundleFromDb(tx, flags.user!);
          return resolveSection(tx, flags.section!, bundle.user.id);
        });
        const { summary } = await generateSiteDetailed({
          source: { kind: 'founder', idOrSlug: identity.user_id },
          db,
          writer,
          regenerate: [{ page: identity.page, key: identity.section_key }],
        });
        for (const w of summary.warnings) warn(w);
        const row = await asService(db, (tx) => currentRevision(tx, identity));
        if (flags.json)
          return printJson({ section: rowJson(row, true), usage: summary.usage, warnings: summary.warnings });
        info(
          `${pagePath(row.page)} ${row.section_key}: revision ${row.revision} (${row.status}), written by ${row.writer}${row.model ? ` (${row.model})` : ''}. Site rebuilt in ${summary.out_dir}/.`,
        );
      }),
    );

  const founderAction = (
    name: string,
    description: string,
    configure: (c: Command) => Command,
    act: (
      tx: Queryable,
      s: SectionIdentity,
      by: string,
      flags: Record<string, unknown>,
    ) => Promise<SectionRow>,
  ) =>
    configure(
      sections
        .command(name)
        .description(description)
        .requiredOption('--section <id>', 'section id (or, with --user, its key)')
        .option('--user <id>', 'the founder (user id or slug)')
        .option('--json', 'print the resulting revision as JSON'),
    ).action((flags: Flags & Record<string, unknown>) =>
      withDb(async (db) => {
        const { identity, authUserId } = await asService(db, async (tx) => {
          const userId = flags.user ? (await loadBundleFromDb(tx, flags.user)).user.id : undefined;
          const identity = await resolve(tx, { ...flags, user: userId });
          const [owner] = await tx.query<{ auth_user_id: string | null }>(
            'select auth_user_id from public.users where id = $1',
            [identity.user_id],
          );
          return { identity, authUserId: owner?.auth_user_id ?? null };
        });
        const run = (by: string) => (tx: Queryable) => act(tx, identity, by, flags);
        const row = authUserId
          ? await asFounder(db, authUserId, run(authUserId))
          : await asService(db, run('operator'));
        if (!authUserId)
          warn(
            'this founder has no sign-in yet: the change was made as the operator (recorded as "operator").',
          );
        if (flags.json) return printJson(rowJson(row, true));
        info(
          `${pagePath(row.page)} ${row.section_key}: revision ${row.revision} is current (${row.status}${row.edited_by_founder ? ', the founder’s' : ''}). Rebuild the site with: dreamseed generate --user ${row.user_id}`,
        );
      }),
    );

  founderAction(
    'approve',
    'approve the current revision (regeneration will not overwrite it)',
    (c) => c,
    (tx, s, by) => approveSection(tx, s, by),
  );
  founderAction(
    'reject',
    'reject the current revision (the next generate writes different copy)',
    (c) => c,
    (tx, s, by) => rejectSection(tx, s, by),
  );
  founderAction(
    'edit',
    "set fields of the section's content (validated against the section's schema); one new revision",
    (c) =>
      c
        .requiredOption(
          '--field <path>',
          'the field: headline, cta.label, items.0.description … (repeatable)',
          collect,
          [],
        )
        .requiredOption(
          '--value <text>',
          'its new text, in the same order (empty removes an optional field)',
          collect,
          [],
        ),
    async (tx, s, by, flags) => {
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
    },
  );
  founderAction(
    'restore',
    'make an earlier revision current again (as a new revision)',
    (c) => c.requiredOption('--revision <n>', 'the revision number (see `sections history`)'),
    (tx, s, by, flags) => {
      const n = Number(flags.revision);
      if (!Number.isInteger(n) || n < 1)
        throw errors.usage(
          `--revision must be a revision number; got "${flags.revision}".`,
          'See `dreamseed sections history --section ID`.',
        );
      return restoreRevision(tx, s, n, by);
    },
  );
  founderAction(
    'choose',
    "use one of the section's alternatives (written from another reading of an unsure fact)",
    (c) => c.requiredOption('--alternative <id>', 'its number (1, 2, 3) or id (who_serves:alternative_1)'),
    (tx, s, by, flags) => chooseAlternative(tx, s, String(flags.alternative), by),
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function withDb(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
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
