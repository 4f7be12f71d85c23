import type { Database } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { GenerateSource, GenerateSummary } from '../pipeline.ts';
import { renderAhead } from '../site/astro/render-ahead.ts';
import { parseWriterName } from '../writers/writer-name.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, warn } from './output.ts';
import { parsePaletteIndex } from './palette-index.ts';
import { withDb } from './with-db.ts';

interface GenerateFlags extends JsonFlag {
  demo?: string;
  user?: string;
  dna?: string;
  template?: string;
  palette?: string;
  out?: string;
  writer?: string;
  score?: boolean;
}

/**
 * `dreamseed generate` (declared in commands/generate.ts). The flags are checked
 * first; then the pipeline module loads while the database opens (both take a
 * while on a cold start, and neither needs the other).
 */
export async function generate(flags: GenerateFlags): Promise<void> {
  const writer = parseWriterName(flags.writer);
  const given = [flags.demo, flags.user, flags.dna].filter(Boolean);
  if (given.length !== 1) {
    throw errors.usage(
      'generate needs exactly one of --demo SLUG, --user ID or --dna FILE.',
      'Example: dreamseed generate --demo bakery',
    );
  }
  const source: GenerateSource = flags.dna
    ? { kind: 'dna', file: flags.dna }
    : { kind: 'founder', idOrSlug: (flags.demo ?? flags.user)! };
  const palette =
    flags.palette === undefined
      ? undefined
      : parsePaletteIndex(
          flags.palette,
          '--palette',
          source.kind === 'founder' ? source.idOrSlug : undefined,
        );
  // Astro starts in a second process now, on the other core, while this one opens the database, loads the
  // pipeline and writes the copy (site/astro/render-ahead.ts).
  const renderer = renderAhead();
  // The database opens first and the pipeline loads while it opens: PGlite reads and compiles its
  // WebAssembly off this thread, so the modules load in what would be its waits. Loaded at the same time,
  // the modules delayed the opening by their whole load (a cold `generate` 60-140 ms slower).
  let pipeline: Promise<typeof import('../pipeline.ts')> | undefined;
  const loadPipeline = () => {
    if (pipeline) return pipeline;
    pipeline = import('../pipeline.ts');
    pipeline.catch(() => {}); // awaited below; a failure to open the database may come first
    // The catalogue needs no database: it loads while the database opens, and the pipeline's loadCatalog()
    // finds it loaded (or loading). A broken catalogue is reported by the pipeline, when it asks for it.
    import('../catalog/registry.ts').then((registry) => registry.loadCatalog()).catch(() => {});
    return pipeline;
  };
  const run = async (db?: Database) =>
    (await loadPipeline()).generateSite({
      renderer,
      source,
      db,
      template: flags.template,
      outDir: flags.out,
      palette,
      writer,
      score: flags.score,
      onStage: (name, ms) => info(`${paint('green', '✓')} ${name.padEnd(16)} ${paint('dim', `${ms} ms`)}`),
    });
  const summary = await (source.kind === 'founder'
    ? withDb(run, undefined, { opening: loadPipeline })
    : run()
  ).finally(() => renderer.close());
  for (const w of summary.warnings) warn(w);
  printResult(flags, summary, printSummary);
}

function printSummary(summary: GenerateSummary): void {
  const counts = summary.sections.reduce<Record<string, number>>((acc, s) => {
    acc[s.status] = (acc[s.status] ?? 0) + 1;
    return acc;
  }, {});
  info('');
  info(
    `${paint('bold', summary.founder.business_name)} — template ${summary.template.id} (${summary.template.note})`,
  );
  info(
    `Sections: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  for (const s of summary.sections.filter((x) => x.status === 'needs_input')) {
    info(
      `  ${paint('yellow', 'needs input')} ${s.page} ${s.key}: ${s.missing.join(', ') || 'see provenance'}`,
    );
  }
  const u = summary.usage;
  info(
    `Copy: ${u.sections_written} written, ${u.sections_reused} unchanged and reused` +
      (u.writer === 'openai'
        ? ` — ${u.model}: ${u.calls} model calls, ${u.total_tokens} tokens${u.cost_usd === null ? '' : `, about $${u.cost_usd.toFixed(4)}`}, ${u.cache_hits} from cache${u.fallbacks ? `, ${u.fallbacks} offline fallbacks` : ''}`
        : ' (offline writer)'),
  );
  const chosen = summary.palette.options[summary.palette.selected];
  if (chosen)
    info(
      `Palette: option ${summary.palette.selected}, ${chosen.label}${summary.recorded ? ` — all options: dreamseed brand palettes --user ${summary.founder.slug}` : ''}`,
    );
  info(`Pages: ${summary.pages.join('  ')}`);
  if (!summary.recorded)
    info(
      paint(
        'dim',
        'Built from a bundle file: nothing is recorded in the database, so there is no palette to pick, no section to approve and nothing to publish for it (a founder account holds those: dreamseed founders add).',
      ),
    );
  info(`Site written to ${summary.out_dir}/ — preview it with: ./dreamseed preview ${summary.out_dir}`);
  if (summary.score) {
    const s = summary.score;
    const home = s.lighthouse?.['/ mobile'];
    info(
      `Score: ${home ? `mobile home ${home.performance}/${home.accessibility}/${home['best-practices']}/${home.seo}` : 'no Lighthouse run'} — ${s.passed ? paint('green', 'passes the publish gate') : paint('red', `${s.reasons.length} things to fix`)} (reports in ${s.reports_dir}/)`,
    );
    for (const r of s.reasons) info(`  - ${r}`);
  }
}
