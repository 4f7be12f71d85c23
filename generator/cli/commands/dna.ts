import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed dna …`: the DNA bundle format (docs/dna-bundle.md); run: ../dna.ts. */
export function configure(dna: Command): void {
  dna
    .command('schema')
    .description('print the JSON Schema of a DNA bundle (the input of `generate --dna FILE`)')
    .addOption(jsonOption('the schema', '(it is JSON either way)'))
    .action(lazy(() => import('../dna.ts'), 'schema'));
}
