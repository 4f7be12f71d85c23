import { errors } from '../errors.ts';

/**
 * The writers by name: `offline` (deterministic, the default) or `openai` (the
 * default when OPENAI_API_KEY is set). Kept apart from select-writer.ts so the
 * CLI checks `--writer` without loading the writers (or the OpenAI SDK).
 */
export type WriterName = 'offline' | 'openai';
export const writerNames: readonly WriterName[] = ['offline', 'openai'];

export function parseWriterName(value: string | undefined): WriterName | undefined {
  if (value === undefined) return undefined;
  if ((writerNames as readonly string[]).includes(value)) return value as WriterName;
  throw errors.usage(
    `--writer must be one of ${writerNames.join(', ')}; got "${value}".`,
    'Example: --writer openai',
  );
}
