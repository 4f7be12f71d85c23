import type { Command } from 'commander';
import { openDatabase } from '../db/open.ts';
import { addFounder } from '../founders/add-founder.ts';
import { listFounders } from '../founders/list-founders.ts';
import { info, printJson, printTable } from './output.ts';

/**
 * `dreamseed founders`: accounts for founders who have no DNA yet (their
 * calls then fill it in: `dreamseed transcripts add`), and the list of every
 * founder with their consultation progress.
 */
export function registerFoundersCommands(program: Command): void {
  const founders = program.command('founders').description('founders: add one, list them');

  founders
    .command('add')
    .description('create a founder account (users row; on the embedded database also its auth user)')
    .requiredOption('--business-name <name>', 'the business name, as the founder writes it')
    .option('--name <name>', "the founder's name")
    .option('--email <email>', "the founder's e-mail address")
    .option('--json', 'print the founder as JSON')
    .action(async (opts: { businessName: string; name?: string; email?: string; json?: boolean }) => {
      const db = await openDatabase();
      try {
        const founder = await addFounder(db, {
          business_name: opts.businessName,
          customer_name: opts.name ?? null,
          customer_email: opts.email ?? null,
        });
        if (opts.json) printJson(founder);
        else {
          printTable([founder as unknown as Record<string, unknown>], ['slug', 'id', 'business_name']);
          info(`Next: dreamseed transcripts add --user ${founder.slug} --call 1 FILE`);
        }
      } finally {
        await db.close();
      }
    });

  founders
    .command('list')
    .description('every founder: slug, user id, business name, calls completed, DNA version')
    .option('--json', 'print the founders as JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDatabase();
      try {
        const rows = await listFounders(db);
        if (opts.json) printJson(rows);
        else if (!rows.length)
          info('No founders yet. Add one with `dreamseed founders add --business-name NAME`.');
        else
          printTable(rows as unknown as Record<string, unknown>[], [
            'slug',
            'user_id',
            'business_name',
            'calls',
            'dna_version',
          ]);
      } finally {
        await db.close();
      }
    });
}
