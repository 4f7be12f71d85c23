import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { callQuality, type QualityReading } from './call-quality.ts';
import { speakerSegments, type Transcript, transcriptText } from './transcript.ts';

/**
 * Stores one consultation call: its `transcripts_raw` row (one per founder
 * and call number), the founder's `conversation_sessions` journey, and the
 * call progress on `users` (`call_N_completed`, its timestamp,
 * `current_call_stage`). Runs in the caller's transaction as the service role.
 *
 * Re-adding a call is idempotent: the same content (text, segments, duration,
 * provider call id: `metadata.content_hash`) changes nothing at all. Different
 * content for the same call replaces the row in place; the replaced text and
 * segments are kept in `metadata.previous_versions` (the last five), and the
 * outcome says `replaced` so the caller can say so.
 */
export const KEPT_VERSIONS = 5;

export interface StoreInput {
  userId: string;
  call: 1 | 2 | 3 | 4;
  transcript: Transcript;
  /** Where it came from, for metadata: the file name, or `vapi`. */
  source: string;
}

export interface StoreResult {
  transcriptId: string;
  sessionId: string;
  call: number;
  outcome: 'added' | 'unchanged' | 'replaced';
  contentHash: string;
  quality: QualityReading;
  durationSeconds: number | null;
  turns: number;
}

export function contentHash(t: Transcript): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        text: transcriptText(t.turns),
        segments: speakerSegments(t.turns),
        duration: t.durationSeconds,
        callId: t.callId,
      }),
    )
    .digest('hex');
}

interface ExistingRow {
  id: string;
  session_id: string | null;
  transcript_text: string;
  speaker_segments: unknown;
  metadata: Record<string, unknown>;
}

export async function storeTranscript(tx: Queryable, input: StoreInput): Promise<StoreResult> {
  const { userId, call, transcript } = input;
  // One writer per founder at a time: the call progress and the session counts are read-modify-write.
  await tx.query('select id from public.users where id = $1 for update', [userId]);
  const hash = contentHash(transcript);
  const quality = callQuality(transcript);
  const base = {
    call,
    contentHash: hash,
    quality,
    durationSeconds: transcript.durationSeconds,
    turns: transcript.turns.length,
  };
  const [existing] = await tx.query<ExistingRow>(
    `select id, session_id, transcript_text, speaker_segments, metadata
       from public.transcripts_raw where user_id = $1 and call_number = $2 for update`,
    [userId, call],
  );
  if (existing && existing.metadata?.content_hash === hash) {
    const sessionId = existing.session_id ?? (await sessionOf(tx, userId));
    return { ...base, transcriptId: existing.id, sessionId, outcome: 'unchanged' };
  }
  const sessionId = existing?.session_id ?? (await sessionOf(tx, userId));
  const previous = existing
    ? [
        {
          content_hash: existing.metadata?.content_hash ?? null,
          transcript_text: existing.transcript_text,
          speaker_segments: existing.speaker_segments,
          replaced_at: new Date().toISOString(),
        },
        ...((existing.metadata?.previous_versions as unknown[] | undefined) ?? []),
      ].slice(0, KEPT_VERSIONS)
    : [];
  const metadata = {
    content_hash: hash,
    shape: transcript.shape,
    source: input.source,
    quality,
    skipped_messages: transcript.skipped,
    ...(previous.length ? { previous_versions: previous } : {}),
  };
  const values = [
    userId,
    sessionId,
    transcript.callId,
    call,
    transcriptText(transcript.turns),
    JSON.stringify(speakerSegments(transcript.turns)),
    quality.quality,
    transcript.durationSeconds === null ? null : Math.round(transcript.durationSeconds),
    transcript.shape === 'vapi' ? transcript.callId : null,
    JSON.stringify(metadata),
  ];
  let transcriptId: string;
  if (existing) {
    await tx.query(
      `update public.transcripts_raw
          set session_id = $2, call_session_id = $3, transcript_text = $5, speaker_segments = $6::jsonb,
              call_quality = $7, duration_seconds = $8, vapi_call_id = $9, metadata = $10::jsonb
        where user_id = $1 and call_number = $4`,
      values,
    );
    transcriptId = existing.id;
  } else {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.transcripts_raw
         (user_id, session_id, call_session_id, call_number, transcript_text, speaker_segments,
          call_quality, duration_seconds, vapi_call_id, metadata)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb)
       returning id`,
      values,
    );
    transcriptId = row!.id;
  }
  await recordProgress(tx, userId, call, sessionId, transcript.endedAt);
  return { ...base, transcriptId, sessionId, outcome: existing ? 'replaced' : 'added' };
}

/** The founder's consultation journey (the oldest session), created when there is none. */
async function sessionOf(tx: Queryable, userId: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'select id from public.conversation_sessions where user_id = $1 order by created_at, id limit 1',
    [userId],
  );
  if (row) return row.id;
  const [created] = await tx.query<{ id: string }>(
    `insert into public.conversation_sessions (user_id, status, current_call, calls_completed, started_at)
     values ($1, 'in_progress', 1, 0, now()) returning id`,
    [userId],
  );
  return created!.id;
}

/**
 * Call N is complete (at the call's end time when the source gave one, else
 * now; a call completed before keeps its first time). The stage is the next
 * call not yet done (4 once all are), and the session counts the calls held.
 */
async function recordProgress(
  tx: Queryable,
  userId: string,
  call: number,
  sessionId: string,
  endedAt: string | null,
): Promise<void> {
  const at = endedAt && !Number.isNaN(Date.parse(endedAt)) ? endedAt : null;
  await tx.query(
    `update public.users
        set call_${call}_completed = true,
            call_${call}_completed_at = coalesce(call_${call}_completed_at, $2::timestamptz, now())
      where id = $1`,
    [userId, at],
  );
  const [progress] = await tx.query<{ done: number[] }>(
    `select array_remove(array[
        case when call_1_completed then 1 end, case when call_2_completed then 2 end,
        case when call_3_completed then 3 end, case when call_4_completed then 4 end], null) as done
       from public.users where id = $1`,
    [userId],
  );
  const done = new Set((progress?.done ?? []).map(Number));
  const next = [1, 2, 3, 4].find((n) => !done.has(n)) ?? 4;
  await tx.query('update public.users set current_call_stage = $2 where id = $1', [userId, next]);
  const complete = done.size === 4;
  await tx.query(
    `update public.conversation_sessions
        set calls_completed = $2, current_call = $3,
            status = case when $4 then 'completed' else 'in_progress' end,
            started_at = coalesce(started_at, now()),
            completed_at = case when $4 then coalesce(completed_at, now()) else null end
      where id = $1`,
    [sessionId, done.size, next, complete],
  );
}
