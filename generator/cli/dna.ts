import { asService } from '../db/roles.ts';
import { bundleJsonSchema } from '../dna/bundle-json-schema.ts';
import { parseAssignments } from '../dna/fact-fields.ts';
import { showFacts } from '../dna/show-facts.ts';
import { writeFacts } from '../dna/write-facts.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed dna schema` (declared in commands/dna.ts): JSON with or without `--json`. */
export function schema(): void {
  printJson(bundleJsonSchema());
}

/** `dreamseed dna show --user ID`: the founder's truth, type and readings with confidence and source. */
export async function show(flags: JsonFlag & { user: string }): Promise<void> {
  const view = await withDb((db) => asService(db, (tx) => showFacts(tx, flags.user)));
  printResult(flags, view, () => {
    const t = view.truth;
    info(
      t
        ? `${paint('bold', view.founder.slug)}: version ${t.version}, last written from ${t.extraction_source ?? 'an unknown source'}${t.validated_by_user ? ' (validated by the founder)' : ''} by ${t.updated_by ?? 'unknown'}`
        : `${paint('bold', view.founder.slug)} has no facts yet.`,
    );
    printTable(
      view.facts.map((f) => ({
        field: f.field,
        value: short(f.value),
        confidence: f.confidence,
        validated: f.validated ? 'yes' : '',
        readings: f.readings
          ? `${f.readings.alternatives.length} alternative${f.readings.alternatives.length === 1 ? '' : 's'}${f.readings.user_confirmed ? ', confirmed' : ''}`
          : '',
      })),
      ['field', 'value', 'confidence', 'validated', 'readings'],
    );
    info('');
    printTable(
      view.type.map((f) => ({ field: f.field, value: short(f.value), validated: f.validated ? 'yes' : '' })),
      ['field', 'value', 'validated'],
    );
  });
}

/** `dreamseed dna set --user ID FIELD=VALUE…`: the founder's own correction, through the DNA history. */
export async function set(assignments: string[], flags: JsonFlag & { user: string }): Promise<void> {
  const values = parseAssignments(assignments);
  const result = await withDb((db) =>
    writeFacts(db, { user: flags.user, values, source: 'manual_input', actor: { kind: 'founder' } }),
  );
  if (result.actedAs === 'operator')
    warn(
      'this founder has no sign-in yet: the change was made as the operator, on their behalf (recorded as such).',
    );
  printResult(flags, result, () => {
    const changed = result.written.length ? `Set ${result.written.join(', ')}` : 'No value changed';
    const confirmed = result.unchanged.length ? `; confirmed ${result.unchanged.join(', ')}` : '';
    info(
      `${paint('bold', result.user.slug)}: ${changed}${confirmed} (validated by the founder; DNA version ${result.version ?? '-'}).`,
    );
    if (result.written.length)
      info(
        `The site rebuilds when a worker runs (\`dreamseed worker\`); \`dreamseed jobs --user ${result.user.slug}\` shows the request.`,
      );
  });
}

function short(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
