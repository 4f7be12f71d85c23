import type { Command } from 'commander';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { errors } from '../errors.ts';
import { type GenerateSource, generateSite } from '../pipeline.ts';
import { parseWriterName } from '../writers/select-writer.ts';
import { info, paint, printJson, warn } from './output.ts';

interface GenerateFlags {
  demo?: string;
  user?: string;
  dna?: string;
  template?: string;
  out?: string;
  json?: boolean;
  writer?: string;
  score?: boolean;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description("build one founder's website from their Dream DNA")
    .option('--demo <slug>', 'a seeded demo founder (see `dreamseed demo list`)')
    .option('--user <id>', 'a founder by user id or slug')
    .option('--dna <file>', 'a DNA bundle JSON file (see docs/dna-bundle.md, or `dreamseed dna schema`)')
    .option('--template <id>', 'use this template instead of the best match')
    .option('--out <dir>', 'output directory (default .dreamseed/sites/<slug>/)')
    .option('--score', 'then score the site (Lighthouse and the reviewer checks; see `dreamseed score`)')
    .option(
      '--writer <name>',
      'who writes the copy: offline, or openai (default: openai when OPENAI_API_KEY is set)',
    )
    .option('--json', 'print one JSON summary on stdout (progress goes to stderr)')
    .action(async (flags: GenerateFlags) => {
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
      let db: Database | undefined;
      try {
        if (source.kind === 'founder') db = await openDatabase();
        const summary = await generateSite({
          source,
          db,
          template: flags.template,
          outDir: flags.out,
          writer,
          score: flags.score,
          onStage: (name, ms) =>
            info(`${paint('green', '✓')} ${name.padEnd(16)} ${paint('dim', `${ms} ms`)}`),
        });
        for (const w of summary.warnings) warn(w);
        if (flags.json) {
          printJson(summary);
          return;
        }
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
        info(`Pages: ${summary.pages.join('  ')}`);
        info(
          `Site written to ${summary.out_dir}/ — preview it with: npx dreamseed preview ${summary.out_dir}`,
        );
        if (summary.score) {
          const s = summary.score;
          const home = s.lighthouse?.['/ mobile'];
          info(
            `Score: ${home ? `mobile home ${home.performance}/${home.accessibility}/${home['best-practices']}/${home.seo}` : 'no Lighthouse run'} — ${s.passed ? paint('green', 'passes the publish gate') : paint('red', `${s.reasons.length} things to fix`)} (reports in ${s.reports_dir}/)`,
          );
          for (const r of s.reasons) info(`  - ${r}`);
        }
      } finally {
        await db?.close();
      }
    });
}
