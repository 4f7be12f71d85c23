import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { openDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { openAiEmbedder } from '../transcripts/embedders.ts';
import { listTranscripts, revectorise } from '../transcripts/manage-transcripts.ts';
import { findFounder, processTranscript } from '../transcripts/process-transcript.ts';
import { searchTranscripts } from '../transcripts/search-transcripts.ts';
import { loadTranscriptConfig } from '../transcripts/transcript-config.ts';
import { info, paint, printJson, printLine, printTable, warn } from './output.ts';

/**
 * `dreamseed transcripts`: a founder's consultation calls. `add` stores one
 * call (text, segments JSON or a VAPI end-of-call report), reads the facts
 * from it (OpenAI with a key, else offline), vectorises its passages and
 * writes the facts to the DNA; `list` shows the calls; `search` finds the
 * passages that answer a question; `vectorise` embeds them again.
 */
export function registerTranscriptsCommands(program: Command): void {
  const transcripts = program
    .command('transcripts')
    .description("a founder's consultation calls: add, list, search, vectorise");

  transcripts
    .command('add')
    .description('store one call, extract its facts into the DNA, and vectorise it for search')
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .addOption(
      new Option(
        '--call <n>',
        'which consultation call (1-4); a VAPI report may carry it in its metadata',
      ).choices(['1', '2', '3', '4']),
    )
    .argument(
      '<file>',
      'plain text with speaker labels, a JSON array of segments, or a VAPI end-of-call report',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { user: string; call?: string; json?: boolean }) => {
      const config = loadTranscriptConfig();
      let source: Buffer;
      try {
        source = readFileSync(file);
      } catch (error) {
        throw errors.invalidInput(
          `The transcript ${file}`,
          [`cannot be read: ${(error as Error).message}`],
          'Check the path.',
        );
      }
      const db = await openDatabase();
      try {
        const result = await processTranscript(
          db,
          { user: opts.user, call: opts.call ? Number(opts.call) : undefined, source, label: basename(file) },
          { config },
        );
        const { stored, processed } = result;
        if (opts.json) {
          printJson({
            user: { id: result.founder.id, slug: result.founder.slug },
            call: stored.call,
            outcome: stored.outcome,
            transcript_id: stored.transcriptId,
            quality: stored.quality,
            duration_seconds: stored.durationSeconds,
            turns: stored.turns,
            processed: !processed.skipped,
            extraction: processed.extraction,
            vectors: processed.vectors,
            dna_write: processed.write,
            written: processed.written,
          });
          return;
        }
        const verb = {
          added: 'stored',
          unchanged: 'unchanged (same content as before)',
          replaced: 'replaced (the earlier version is kept in its history)',
        }[stored.outcome];
        printLine(
          `Call ${stored.call} of ${result.founder.slug}: ${verb}; ${stored.turns} turns, quality ${stored.quality.quality}.`,
        );
        if (processed.skipped) return;
        const e = processed.extraction!;
        printLine(
          `Facts read (${e.extractor}): ${e.fields.map((f) => `${f.field} ${f.confidence}`).join(', ') || 'none'}`,
        );
        if (e.classification)
          printLine(
            `Classification: ${[e.classification.business_archetype, e.classification.industry_vertical, e.classification.business_model_type].filter(Boolean).join(', ')} (${e.classification.confidence})`,
          );
        for (const k of e.kept_out) warn(`kept out of the DNA (${k.kind.replace('_', ' ')}): "${k.quote}"`);
        for (const n of e.notes) warn(n);
        if (processed.vectors)
          info(paint('dim', `${processed.vectors.chunks} passages embedded (${processed.vectors.model}).`));
        const pending = (processed.written as { pending?: string } | null)?.pending;
        if (pending) warn(pending);
      } finally {
        await db.close();
      }
    });

  transcripts
    .command('list')
    .description("a founder's calls: number, quality, duration, passages, facts read")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .option('--json', 'print as JSON')
    .action(async (opts: { user: string; json?: boolean }) => {
      const db = await openDatabase();
      try {
        const rows = await asService(db, async (tx) =>
          listTranscripts(tx, (await findFounder(tx, opts.user)).id),
        );
        if (opts.json) printJson(rows);
        else if (!rows.length)
          info('No calls yet. Add one with `dreamseed transcripts add --user ID --call N FILE`.');
        else
          printTable(rows as unknown as Record<string, unknown>[], [
            'call_number',
            'quality',
            'duration_seconds',
            'passages',
            'facts',
            'extractor',
            'updated_at',
          ]);
      } finally {
        await db.close();
      }
    });

  transcripts
    .command('search')
    .description("the passages of a founder's calls that best answer a question")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .argument('<question>', 'what to look for, in words')
    .option('--limit <n>', 'how many passages', '5')
    .option('--json', 'print as JSON')
    .action(async (question: string, opts: { user: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50)
        throw errors.usage('--limit must be a whole number from 1 to 50.');
      const db = await openDatabase();
      try {
        const result = await asService(db, async (tx) => {
          const founder = await findFounder(tx, opts.user);
          return searchTranscripts(tx, { userId: founder.id, question, limit }, (model) => {
            // Passages embedded by OpenAI can be searched when a key (or compatible server) is configured.
            if (!process.env.OPENAI_API_KEY && !process.env.OPENAI_BASE_URL) return null;
            return openAiEmbedder(loadTranscriptConfig().openai, model);
          });
        });
        if (opts.json) printJson(result);
        else if (!result.passages.length)
          info('No passages yet: add a call with `dreamseed transcripts add`.');
        else
          for (const p of result.passages) {
            printLine(
              paint(
                'bold',
                `call ${p.call_number}${p.start_s !== null ? ` at ${clock(p.start_s)}` : ''}  score ${p.score}`,
                process.stdout,
              ),
            );
            printLine(p.text);
            printLine();
          }
      } finally {
        await db.close();
      }
    });

  transcripts
    .command('vectorise')
    .description("embed a founder's passages again (after changing DREAMSEED_EMBEDDER or the model)")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .option('--json', 'print as JSON')
    .action(async (opts: { user: string; json?: boolean }) => {
      const config = loadTranscriptConfig();
      const db = await openDatabase();
      try {
        const done = await revectorise(db, opts.user, config);
        if (opts.json) printJson(done);
        else
          printLine(
            `${done.reduce((n, d) => n + d.chunks, 0)} passages of ${done.length} calls embedded (${done[0]?.model ?? 'no calls'}).`,
          );
      } finally {
        await db.close();
      }
    });
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
