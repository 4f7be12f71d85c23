import type { Database, Queryable } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { findFounder } from '../dna/find-founder.ts';
import type { Extraction } from './extraction.ts';
import { embedderOf, type StoredSegment, storedTranscript } from './process-transcript.ts';
import type { TranscriptConfig } from './transcript-config.ts';
import { type VectorisedCall, vectoriseCall } from './vector-store.ts';

/** A founder's calls as `transcripts list` shows them, and embedding them again (`transcripts vectorise`). */
export interface TranscriptRow {
  call_number: number;
  transcript_id: string;
  quality: number | null;
  duration_seconds: number | null;
  passages: number;
  facts: number;
  extractor: string | null;
  updated_at: string;
}

export async function listTranscripts(tx: Queryable, userId: string): Promise<TranscriptRow[]> {
  const rows = await tx.query<{
    call_number: number;
    id: string;
    call_quality: string | number | null;
    duration_seconds: number | null;
    passages: number;
    metadata: { extraction?: Extraction };
    updated_at: Date | string;
  }>(
    `select r.call_number, r.id, r.call_quality, r.duration_seconds, r.metadata, r.updated_at,
            (select count(*)::int from public.transcripts_vectorized v where v.transcript_id = r.id) as passages
       from public.transcripts_raw r where r.user_id = $1 order by r.call_number`,
    [userId],
  );
  return rows.map((r) => ({
    call_number: Number(r.call_number),
    transcript_id: r.id,
    quality: r.call_quality === null ? null : Number(r.call_quality),
    duration_seconds: r.duration_seconds,
    passages: r.passages,
    facts: r.metadata.extraction?.fields.length ?? 0,
    extractor: r.metadata.extraction?.extractor ?? null,
    updated_at: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at),
  }));
}

export async function revectorise(
  db: Database,
  user: string,
  config: TranscriptConfig,
): Promise<(VectorisedCall & { call: number })[]> {
  const embedder = embedderOf(config);
  const founder = await asService(db, (tx) => findFounder(tx, user));
  const rows = await asService(db, (tx) =>
    tx.query<{
      id: string;
      call_number: number;
      speaker_segments: StoredSegment[];
      metadata: { extraction?: Extraction };
    }>(
      'select id, call_number, speaker_segments, metadata from public.transcripts_raw where user_id = $1 order by call_number',
      [founder.id],
    ),
  );
  const out: (VectorisedCall & { call: number })[] = [];
  for (const r of rows) {
    const { turns } = storedTranscript(r.speaker_segments ?? []);
    const done = await asService(db, (tx) =>
      vectoriseCall(
        tx,
        {
          userId: founder.id,
          transcriptId: r.id,
          call: Number(r.call_number),
          turns,
          facts: r.metadata.extraction?.fields ?? [],
        },
        embedder,
      ),
    );
    out.push({ ...done, call: Number(r.call_number) });
  }
  return out;
}
