import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

/** `dreamseed dna …`: the DNA bundle format (docs/dna-bundle.md); run: ../dna.ts. */
export function configure(dna: Command): void {
  lazyCommand(
    dna,
    () => import('../dna.ts'),
    'schema',
    'print the JSON Schema of a DNA bundle (the input of `generate --dna FILE`)',
  ).addOption(jsonOption('the schema', '(it is JSON either way)'));
}
