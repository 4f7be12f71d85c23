import type { Command } from 'commander';
import { withDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { bundleJsonSchema } from '../dna/bundle-json-schema.ts';
import { parseAssignments, writableFields } from '../dna/fact-fields.ts';
import { showFacts } from '../dna/show-facts.ts';
import { writeFacts } from '../dna/write-facts.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';

/**
 * `dreamseed dna …`: the DNA bundle format (docs/dna-bundle.md), a founder's
 * Dream DNA as stored (`show`), and correcting it by hand (`set`: the
 * founder's own input, source `manual_input`, validated by the user, run as
 * their auth user; see generator/dna/write-facts.ts).
 */
export function registerDnaCommands(program: Command): void {
  const dna = program
    .command('dna')
    .description("Dream DNA: the bundle format (docs/dna-bundle.md), a founder's facts, correcting them");
  dna
    .command('schema')
    .description('print the JSON Schema of a DNA bundle (the input of `generate --dna FILE`)')
    .option('--json', 'print as JSON (the schema is JSON either way)')
    .action(() => printJson(bundleJsonSchema()));

  dna
    .command('show')
    .description("a founder's facts, classification and alternative readings, with confidence and source")
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .option('--json', 'print the DNA as JSON')
    .action(async (flags: { user: string; json?: boolean }) => {
      const view = await withDatabase((db) => asService(db, (tx) => showFacts(tx, flags.user)));
      if (flags.json) return printJson(view);
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
        view.type.map((f) => ({
          field: f.field,
          value: short(f.value),
          validated: f.validated ? 'yes' : '',
        })),
        ['field', 'value', 'validated'],
      );
    });

  dna
    .command('set')
    .description(
      "correct or confirm a founder's facts (validated by the founder; the site rebuilds automatically)",
    )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .argument(
      '<assignments...>',
      `FIELD=VALUE pairs: text as typed, JSON for lists (services='[{"name":"Bread"}]'), numbers for numbers, FIELD= clears. Fields: ${writableFields.join(', ')}`,
    )
    .option('--json', 'print the result as JSON')
    .action(async (assignments: string[], flags: { user: string; json?: boolean }) => {
      const values = parseAssignments(assignments);
      const result = await withDatabase((db) =>
        writeFacts(db, { user: flags.user, values, source: 'manual_input', actor: { kind: 'founder' } }),
      );
      if (result.actedAs === 'operator')
        warn(
          'this founder has no sign-in yet: the change was made as the operator, on their behalf (recorded as such).',
        );
      if (flags.json) return printJson(result);
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
