import type { Command } from 'commander';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { errors } from '../errors.ts';
import { type GenerateSource, generateSite } from '../pipeline.ts';
import { info, paint, printJson } from './output.ts';

interface GenerateFlags {
  demo?: string;
  user?: string;
  dna?: string;
  template?: string;
  out?: string;
  json?: boolean;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description("build one founder's website from their Dream DNA")
    .option('--demo <slug>', 'a seeded demo founder (see `dreamseed demo list`)')
    .option('--user <id>', 'a founder by user id or slug')
    .option('--dna <file>', 'a DNA bundle JSON file (see ARCHITECTURE.md)')
    .option('--template <id>', 'use this template instead of the best match')
    .option('--out <dir>', 'output directory (default .dreamseed/sites/<slug>/)')
    .option('--json', 'print one JSON summary on stdout (progress goes to stderr)')
    .action(async (flags: GenerateFlags) => {
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
          onStage: (name, ms) =>
            info(`${paint('green', '✓')} ${name.padEnd(16)} ${paint('dim', `${ms} ms`)}`),
        });
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
        info(`Pages: ${summary.pages.join('  ')}`);
        info(
          `Site written to ${summary.out_dir}/ — preview it with: npx dreamseed preview ${summary.out_dir}`,
        );
      } finally {
        await db?.close();
      }
    });
}
