import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { type FounderRef, findFounder } from '../dna/find-founder.ts';
import { writeFacts } from '../dna/write-facts.ts';
import { errors } from '../errors.ts';
import { createChatClient } from '../writers/openai-client.ts';
import { type Embedder, lexicalEmbedder, openAiEmbedder } from './embedders.ts';
import type { Extraction } from './extraction.ts';
import { type FactWrite, planFactWrite } from './fact-write.ts';
import { extractOffline } from './offline-extractor.ts';
import { extractWithOpenAi } from './openai-extractor.ts';
import { readTranscript } from './read-transcript.ts';
import { type StoreResult, storeTranscript } from './store-transcript.ts';
import type { Transcript, Turn } from './transcript.ts';
import type { TranscriptConfig } from './transcript-config.ts';
import { type VectorisedCall, vectoriseCall } from './vector-store.ts';
import { verifyExtraction } from './verify-extraction.ts';

/**
 * The transcript flow, in two steps so a server can answer quickly:
 *
 * 1. `addTranscript`: read and validate the file or request body (nothing is
 *    stored when it is refused), then store the call (`store-transcript.ts`).
 *    Fast; the HTTP route answers after this.
 * 2. `processCall`: extract the facts (OpenAI or offline), check them against
 *    the transcript, record the extraction on the transcript
 *    (`metadata.extraction`), vectorise the passages, and write the facts to
 *    the DNA through the DNA write path. Idempotent: a call whose content was
 *    processed already (`metadata.processed_hash`) is left as it is.
 *
 * `processTranscript` runs both (the CLI's `transcripts add`).
 */
export interface AddInput {
  user: string;
  call?: number | undefined;
  source: string | Buffer;
  label: string;
}

export async function addTranscript(
  db: Database,
  input: AddInput,
): Promise<{ founder: FounderRef; transcript: Transcript; stored: StoreResult }> {
  const founder = await asService(db, (tx) => findFounder(tx, input.user));
  const transcript = readTranscript(input.source, input.label, {
    names: founder.customer_name ? [founder.customer_name] : [],
  });
  const call = input.call ?? transcript.target.call;
  if (!call || !Number.isInteger(call) || call < 1 || call > 4)
    throw errors.usage(
      `Which consultation call is ${input.label}? Give --call 1, 2, 3 or 4${transcript.shape === 'vapi' ? ' (the report has no call_number in its metadata)' : ''}.`,
    );
  const stored = await asService(db, (tx) =>
    storeTranscript(tx, { userId: founder.id, call: call as 1 | 2 | 3 | 4, transcript, source: input.label }),
  );
  return { founder, transcript, stored };
}

/** Writes an extraction to the founder's DNA: by default the `dna set` write path (dna/write-facts.ts). */
export type FactWriter = (db: Database, userId: string, write: FactWrite) => Promise<unknown>;

const writeThroughDnaPath: FactWriter = (db, userId, write) => writeFacts(db, { user: userId, ...write });

export interface ProcessDeps {
  config: TranscriptConfig;
  /** Overrides for tests: the embedder, and the DNA writer (null: record the extraction only). */
  embedder?: Embedder;
  writeFacts?: FactWriter | null;
}

export interface ProcessResult {
  call: number;
  skipped: boolean;
  extraction: Extraction | null;
  vectors: VectorisedCall | null;
  write: FactWrite | null;
  /** What the DNA write path answered, or why nothing was written. */
  written: unknown;
}

export async function processCall(
  db: Database,
  userId: string,
  call: number,
  deps: ProcessDeps,
): Promise<ProcessResult> {
  const [row] = await asService(db, (tx) =>
    tx.query<{ id: string; speaker_segments: StoredSegment[]; metadata: Record<string, unknown> }>(
      'select id, speaker_segments, metadata from public.transcripts_raw where user_id = $1 and call_number = $2',
      [userId, call],
    ),
  );
  if (!row)
    throw errors.notFound(
      `transcript of call ${call} for founder`,
      userId,
      'Add it with `dreamseed transcripts add`.',
    );
  const hash = row.metadata.content_hash as string;
  if (row.metadata.processed_hash === hash)
    return {
      call,
      skipped: true,
      extraction: (row.metadata.extraction as Extraction) ?? null,
      vectors: null,
      write: null,
      written: null,
    };
  const transcript = storedTranscript(row.speaker_segments);
  const extraction =
    deps.config.extractor === 'openai'
      ? await extractWithOpenAi(transcript, createChatClient(deps.config.openai))
      : verifyExtraction(extractOffline(transcript), transcript);
  const embedder = deps.embedder ?? embedderOf(deps.config);
  const write = planFactWrite(extraction, call);
  const vectors = await asService(db, async (tx) => {
    const v = await vectoriseCall(
      tx,
      { userId, transcriptId: row.id, call, turns: transcript.turns, facts: extraction.fields },
      embedder,
    );
    await tx.query(
      `update public.transcripts_raw set metadata = metadata || jsonb_build_object('extraction', $2::jsonb)
        where id = $1`,
      [row.id, JSON.stringify(extraction)],
    );
    return v;
  });
  // Through the same path as `dna set`: history (actor call_N), and a field the founder validated is kept
  // (the extraction's reading becomes an alternative). The DNA change then requests a build (issue 11).
  const writer = deps.writeFacts === undefined ? writeThroughDnaPath : deps.writeFacts;
  const written = writer && Object.keys(write.values).length ? await writer(db, userId, write) : null;
  // Marked processed last: a process that dies before this point leaves the call pending, and the queue
  // runs it again (vectors are replaced, and facts already written are unchanged by the same write).
  await asService(db, (tx) =>
    tx.query(
      `update public.transcripts_raw set metadata = metadata || jsonb_build_object('processed_hash', $2::text)
        where id = $1 and metadata->>'content_hash' = $2`,
      [row.id, hash],
    ),
  );
  return { call, skipped: false, extraction, vectors, write, written };
}

export function embedderOf(config: TranscriptConfig): Embedder {
  return config.embedder === 'openai'
    ? openAiEmbedder(config.openai, config.embeddingModel)
    : lexicalEmbedder;
}

export async function processTranscript(db: Database, input: AddInput, deps: ProcessDeps) {
  const added = await addTranscript(db, input);
  const processed = await processCall(db, added.founder.id, added.stored.call, deps);
  return { ...added, processed };
}

export interface StoredSegment {
  speaker: 'assistant' | 'founder';
  label?: string;
  start_s: number | null;
  end_s: number | null;
  text: string;
}

/** The call as stored (`speaker_segments`), read back as a transcript for extraction. */
export function storedTranscript(segments: readonly StoredSegment[]): Transcript {
  const turns: Turn[] = segments.map((s) => ({
    role: s.speaker,
    speaker: s.label ?? s.speaker,
    text: s.text,
    start_s: s.start_s,
    end_s: s.end_s,
  }));
  return {
    shape: 'segments',
    turns,
    unattributedWords: 0,
    skipped: 0,
    inaudibleMarks: 0,
    durationSeconds: null,
    callId: null,
    endedAt: null,
    target: { user: null, call: null },
  };
}
