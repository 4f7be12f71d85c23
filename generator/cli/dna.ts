import { bundleJsonSchema } from '../dna/bundle-json-schema.ts';
import { printJson } from './output.ts';

/** `dreamseed dna schema` (declared in commands/dna.ts): JSON with or without `--json`. */
export function schema(): void {
  printJson(bundleJsonSchema());
}
