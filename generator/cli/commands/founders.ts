import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

/**
 * `dreamseed founders add | list` (run: ../founders.ts): accounts for founders
 * who have no DNA yet (their calls then fill it in: `dreamseed transcripts
 * add`), and every founder with their consultation progress.
 */
export function configure(founders: Command): void {
  const run = () => import('../founders.ts');
  lazyCommand(
    founders,
    run,
    'add',
    'create a founder account (users row; on the embedded database also its auth user)',
  )
    .requiredOption('--business-name <name>', 'the business name, as the founder writes it')
    .option('--name <name>', "the founder's name")
    .option('--email <email>', "the founder's e-mail address")
    .addOption(jsonOption('the founder'));
  lazyCommand(
    founders,
    run,
    'list',
    'every founder: slug, user id, business name, calls completed, DNA version',
  ).addOption(jsonOption('the founders'));
}
