import { loadCatalog } from '../catalog/registry.ts';
import { staleSites, syncTemplateVersions } from '../catalog/template-versions.ts';
import { asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { type ScoreAggregate, saveTemplateScores, templateScores } from '../score/template-scores.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, printTable, warn } from './output.ts';
import { parsePaletteIndex } from './palette-index.ts';
import { withDb } from './with-db.ts';

/** `dreamseed templates …` (declared in commands/templates.ts; dev and grid in templates-dev.ts, templates-grid.ts). */
export async function list(opts: JsonFlag): Promise<void> {
  const catalog = await loadCatalog();
  const scores = await withDb((db) => asService(db, (tx) => templateScores(tx)));
  const rows = [...catalog.templates.values()].map((t) => {
    const mine = scores.filter((s) => s.template_id === t.id);
    const current = mine.find((s) => s.version === t.versionHash) ?? null;
    return {
      id: t.id,
      name: t.name,
      theme: t.theme,
      pages: t.pages.map((p) => p.slug || 'home'),
      suits: [...(t.suits.categories ?? []), ...(t.suits.verticals ?? [])],
      version: t.versionHash,
      /** The current version's aggregate (null: no scored site built with it). */
      performance: current,
      /** Every version's aggregate, oldest recorded first. */
      versions: mine,
      /** The current version's medians (or the latest recorded, when it has none) are under the gate's bar. */
      flagged: ((current ?? mine.at(-1))?.below_bar.length ?? 0) > 0,
    };
  });
  printResult(opts, rows, () => {
    printTable(
      rows.map((r) => ({
        ...r,
        version: r.version.slice(0, 12),
        ...scoreColumns(r.performance ?? r.versions.at(-1)),
      })),
      [
        'id',
        'name',
        'theme',
        'pages',
        'version',
        'sites',
        'perf',
        'a11y',
        'bp',
        'seo',
        'home',
        'failing',
        'flag',
      ],
    );
    for (const r of rows.filter((x) => x.flagged)) {
      const a = r.performance ?? r.versions.at(-1);
      warn(`${r.id}: median below the bar (${a?.below_bar.join(', ')}) over ${a?.sites} scored sites.`);
    }
  });
}

function scoreColumns(a: ScoreAggregate | null | undefined): Record<string, unknown> {
  if (!a) return { sites: 0, perf: '', a11y: '', bp: '', seo: '', home: '', failing: '', flag: '' };
  const audits = Object.values(a.failing_audits).reduce((n, v) => n + v, 0);
  return {
    sites: a.version ? a.sites : `${a.sites} (unversioned)`,
    perf: a.medians.performance ?? '',
    a11y: a.medians.accessibility ?? '',
    bp: a.medians['best-practices'] ?? '',
    seo: a.medians.seo ?? '',
    home: a.home_bytes === null ? '' : `${Math.round(a.home_bytes / 1024)} KiB`,
    failing: audits,
    flag: a.below_bar.length ? `below bar: ${a.below_bar.join(', ')}` : '',
  };
}

export async function sync(opts: JsonFlag): Promise<void> {
  const catalog = await loadCatalog();
  const current = new Map([...catalog.templates.values()].map((t) => [t.id, t.versionHash]));
  const result = await withDb((db) =>
    asService(db, async (tx) => {
      const synced = await syncTemplateVersions(tx, catalog);
      await saveTemplateScores(tx, current, await templateScores(tx));
      return synced;
    }),
  );
  printResult(opts, result, () => {
    printTable(
      result.map((r) => ({ ...r, rebuilds: r.rebuilds.length })),
      ['id', 'version_hash', 'changed', 'rebuilds'],
    );
    const total = result.reduce((n, r) => n + r.rebuilds.length, 0);
    info(`${result.length} templates recorded in website_templates.`);
    info(
      total
        ? `${total} preview rebuilds requested through the build queue (run \`dreamseed worker\`); nothing is published.`
        : 'No site was built with an older version: no rebuild requested.',
    );
  });
}

export async function diff(id: string, opts: JsonFlag): Promise<void> {
  const catalog = await loadCatalog();
  if (!catalog.templates.has(id))
    throw errors.notFound('template', id, `Known templates: ${[...catalog.templates.keys()].join(', ')}.`);
  const sites = await withDb((db) => asService(db, (tx) => staleSites(tx, catalog, id)));
  printResult(opts, sites, () => {
    printTable(
      sites.map((s) => ({ ...s, built_version: s.built_version?.slice(0, 12) ?? '(not recorded)' })),
      ['slug', 'site_slug', 'built_version', 'last_built_at'],
    );
    const version = catalog.templates.get(id)!.versionHash.slice(0, 12);
    info(
      sites.length
        ? `${sites.length} sites on ${id} were built with another version than ${version}: \`dreamseed templates sync\` requests their preview rebuilds.`
        : `Every site on ${id} was built with the current version ${version}.`,
    );
  });
}

export async function dev(
  id: string,
  opts: { founder?: string; palette?: string; port?: string; out?: string },
): Promise<void> {
  const { demoFounders } = await import('../designers/demo-founders.ts');
  const founders = demoFounders();
  const founder = opts.founder ?? founders[0]!;
  if (!founders.includes(founder))
    throw errors.usage(
      `--founder: "${founder}" is not a demo founder.`,
      `Choose one of ${founders.join(', ')}.`,
    );
  const port = opts.port === undefined ? 4400 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw errors.usage(`--port: "${opts.port}" is not a port number.`, 'Give 0–65535 (0: any free port).');
  const palette = opts.palette === undefined ? 0 : parsePaletteIndex(opts.palette, '--palette');
  const catalog = await loadCatalog().catch(() => null);
  if (catalog && !catalog.templates.has(id))
    throw errors.notFound('template', id, `Known templates: ${[...catalog.templates.keys()].join(', ')}.`);
  const { join } = await import('node:path');
  const { loadConfig } = await import('../config.ts');
  const { startDevServer } = await import('../designers/dev-server.ts');
  const outDir = opts.out ?? join(loadConfig().stateDir, 'dev', id);
  const server = await startDevServer({
    selection: { template: id, founder, palette },
    outDir,
    port,
    log: info,
  });
  process.stdout.write(`${server.url}\n`);
  info(
    `dreamseed dev: ${id} for ${founder} at ${server.url} (watching templates/, sections/, themes/; Ctrl-C stops)`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function grid(
  ids: string[],
  opts: JsonFlag & { founders?: string; out?: string; against?: string },
): Promise<void> {
  const catalog = await loadCatalog();
  const unknown = ids.filter((id) => !catalog.templates.has(id));
  if (unknown.length)
    throw errors.notFound(
      'template',
      unknown.join(', '),
      `Known templates: ${[...catalog.templates.keys()].join(', ')}.`,
    );
  const { demoFounders } = await import('../designers/demo-founders.ts');
  const all = demoFounders();
  const founders = opts.founders
    ? opts.founders
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : all;
  const strangers = founders.filter((f) => !all.includes(f));
  if (strangers.length || !founders.length)
    throw errors.usage(
      `--founders: ${strangers.length ? `"${strangers.join(', ')}" not demo founders` : 'name at least one'}.`,
      `Choose from ${all.join(', ')} (comma-separated).`,
    );
  const { join, resolve } = await import('node:path');
  const { loadConfig } = await import('../config.ts');
  const { makeGrid } = await import('../designers/grid.ts');
  const { resolveRevision } = await import('../designers/revision-tree.ts');
  if (opts.against) resolveRevision(opts.against);
  const result = await makeGrid({
    templates: ids.length ? ids : [...catalog.templates.keys()].sort(),
    founders,
    out: resolve(opts.out ?? join(loadConfig().stateDir, 'grid')),
    against: opts.against,
    onProgress: info,
  });
  printResult(opts, result, () => {
    const failed = result.cells.filter((c) => c.error);
    const changed = result.cells.filter((c) => c.changed);
    process.stdout.write(`${result.sheet}\n`);
    info(
      `${result.cells.length} cells (${result.cells.length * 2} screenshots) in ${(result.timings_ms.total! / 1000).toFixed(1)} s` +
        (result.against ? `; ${changed.length} changed against ${result.against.rev}` : '') +
        (failed.length ? `; ${failed.length} failed to build` : ''),
    );
    if (result.lint.errors || result.lint.warnings)
      warn(
        `lint: ${result.lint.errors} errors, ${result.lint.warnings} warnings over the cells (shown in the sheet).`,
      );
    for (const c of changed) info(`changed: ${c.template} × ${c.founder}`);
  });
}
