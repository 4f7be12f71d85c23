import type { Command } from 'commander';
import { bundleJsonSchema } from '../dna/bundle-json-schema.ts';
import { printJson } from './output.ts';

/** `dreamseed dna …`: the DNA bundle format (docs/dna-bundle.md). */
export function registerDnaCommands(program: Command): void {
  const dna = program.command('dna').description('the DNA bundle format (docs/dna-bundle.md)');
  dna
    .command('schema')
    .description('print the JSON Schema of a DNA bundle (the input of `generate --dna FILE`)')
    .option('--json', 'print as JSON (the schema is JSON either way)')
    .action(() => printJson(bundleJsonSchema()));
}
