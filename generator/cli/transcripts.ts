import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { asService } from '../db/roles.ts';
import { findFounder } from '../dna/find-founder.ts';
import { errors } from '../errors.ts';
import { openAiEmbedder } from '../transcripts/embedders.ts';
import { listTranscripts, revectorise } from '../transcripts/manage-transcripts.ts';
import { processTranscript } from '../transcripts/process-transcript.ts';
import { searchTranscripts } from '../transcripts/search-transcripts.ts';
import { loadTranscriptConfig } from '../transcripts/transcript-config.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printLine, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed transcripts …` (declared in commands/transcripts.ts): store a
 * call and write its facts to the DNA through the `dna set` path (the worker
 * then rebuilds the preview), list the calls, search them, embed them again.
 */
export async function add(file: string, opts: JsonFlag & { user: string; call?: string }): Promise<void> {
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
  const result = await withDb((db) =>
    processTranscript(
      db,
      { user: opts.user, call: opts.call ? Number(opts.call) : undefined, source, label: basename(file) },
      { config },
    ),
  );
  const { stored, processed } = result;
  const written = processed.written as { written?: string[]; alternatives?: { field: string }[] } | null;
  printResult(
    opts,
    {
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
    },
    () => {
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
      if (written) {
        if (written.written?.length)
          printLine(`Written to the DNA (as call_${stored.call}): ${written.written.join(', ')}.`);
        if (written.alternatives?.length)
          warn(
            `kept as alternative readings, since the founder validated these fields: ${written.alternatives.map((x) => x.field).join(', ')}`,
          );
        info(
          `The site rebuilds when a worker runs (\`dreamseed worker\`); \`dreamseed jobs --user ${result.founder.slug}\` shows the request.`,
        );
      }
    },
  );
}

export async function list(opts: JsonFlag & { user: string }): Promise<void> {
  const rows = await withDb((db) =>
    asService(db, async (tx) => listTranscripts(tx, (await findFounder(tx, opts.user)).id)),
  );
  printResult(opts, rows, () => {
    if (!rows.length)
      return info('No calls yet. Add one with `dreamseed transcripts add --user ID --call N FILE`.');
    printTable(rows as unknown as Record<string, unknown>[], [
      'call_number',
      'quality',
      'duration_seconds',
      'passages',
      'facts',
      'extractor',
      'updated_at',
    ]);
  });
}

export async function search(
  question: string,
  opts: JsonFlag & { user: string; limit: string },
): Promise<void> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw errors.usage(`--limit must be a whole number from 1 to 50, not "${opts.limit}".`);
  const result = await withDb((db) =>
    asService(db, async (tx) => {
      const founder = await findFounder(tx, opts.user);
      return searchTranscripts(tx, { userId: founder.id, question, limit }, (model) => {
        // Passages embedded by OpenAI can be searched when a key (or compatible server) is configured.
        if (!process.env.OPENAI_API_KEY && !process.env.OPENAI_BASE_URL) return null;
        return openAiEmbedder(loadTranscriptConfig().openai, model);
      });
    }),
  );
  printResult(opts, result, () => {
    if (!result.passages.length) return info('No passages yet: add a call with `dreamseed transcripts add`.');
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
  });
}

export async function vectorise(opts: JsonFlag & { user: string }): Promise<void> {
  const config = loadTranscriptConfig();
  const done = await withDb((db) => revectorise(db, opts.user, config));
  printResult(opts, done, () =>
    printLine(
      `${done.reduce((n, d) => n + d.chunks, 0)} passages of ${done.length} calls embedded (${done[0]?.model ?? 'no calls'}).`,
    ),
  );
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
