import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SectionDefinition } from '../catalog/define-section.ts';
import { parseBrief } from '../writers/prompt.ts';
import { lineOf } from './lint-finding.ts';

/**
 * A section's AI brief (`prompt.hbs`) as the AI writer reads it: its front
 * matter parses (writers/prompt.ts), and every field it keeps verbatim is a
 * field of the section's content schema.
 */
export interface BriefProblem {
  file: string;
  line: number;
  message: string;
}

export const briefHint =
  'Front matter holds only `keep: field, other.field`, naming fields of the schema (generator/writers/prompts/README.md).';

export function briefProblems(def: SectionDefinition, folder: string): BriefProblem[] {
  const file = join(folder, 'prompt.hbs');
  if (!existsSync(file)) return [];
  let keep: string[];
  try {
    keep = parseBrief(readFileSync(file, 'utf8'), file).keep;
  } catch (error) {
    return [
      { file, line: 1, message: (error instanceof Error ? error.message : String(error)).split('\n')[0]! },
    ];
  }
  const fields = def.schema instanceof z.ZodObject ? Object.keys(def.schema.shape) : null;
  if (!fields) return [];
  return keep
    .filter((path) => !fields.includes(path.split('.')[0]!))
    .map((path) => ({
      file,
      line: lineOf(file, path),
      message: `keep: "${path}" is not a field of the ${def.type} schema (fields: ${fields.join(', ')})`,
    }));
}
