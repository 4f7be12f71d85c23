import type { Command } from 'commander';
import { writableFields } from '../../dna/fact-fields.ts';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

/**
 * `dreamseed dna …` (run: ../dna.ts): the DNA bundle format (docs/dna-bundle.md),
 * a founder's Dream DNA as stored (`show`), and correcting it by hand (`set`:
 * the founder's own input, source `manual_input`, validated by the user, run
 * as their auth user; see generator/dna/write-facts.ts).
 */
export function configure(dna: Command): void {
  const run = () => import('../dna.ts');
  lazyCommand(
    dna,
    run,
    'schema',
    'print the JSON Schema of a DNA bundle (the input of `generate --dna FILE`)',
  ).addOption(jsonOption('the schema', '(it is JSON either way)'));

  lazyCommand(
    dna,
    run,
    'show',
    "a founder's facts, classification and alternative readings, with confidence and source",
  )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .addOption(jsonOption('the DNA'));

  lazyCommand(
    dna,
    run,
    'set',
    "correct or confirm a founder's facts (validated by the founder; the site rebuilds automatically)",
  )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .argument(
      '<assignments...>',
      `FIELD=VALUE pairs: text as typed, JSON for lists (services='[{"name":"Bread"}]'), numbers for numbers, FIELD= clears. Fields: ${writableFields.join(', ')}`,
    )
    .addOption(jsonOption());
}
