/**
 * A consultation call as this module reads it, whatever shape it came in
 * (plain text with speaker labels, a JSON array of segments, or a VAPI
 * end-of-call report): the turns of the assistant and of the founder, in
 * order, with times where the source gave them.
 */
export type SpeakerRole = 'assistant' | 'founder';

export type TranscriptShape = 'text' | 'segments' | 'vapi';

export interface Turn {
  role: SpeakerRole;
  /** The label as the source gave it ("AI", "Rosa", "bot"). */
  speaker: string;
  text: string;
  /** Seconds from the start of the call, where the source gave them. */
  start_s: number | null;
  end_s: number | null;
}

export interface Transcript {
  shape: TranscriptShape;
  turns: Turn[];
  /** Words the source held that no speaker could be given (text before the first label). */
  unattributedWords: number;
  /** Messages that are not speech (VAPI system, tool and function messages): skipped. */
  skipped: number;
  /** `[inaudible]`, `[crosstalk]`, `(unintelligible)`… markers the transcriber left. */
  inaudibleMarks: number;
  durationSeconds: number | null;
  /** The voice provider's call id (VAPI `message.call.id`). */
  callId: string | null;
  /** When the call ended, where the source says (VAPI `endedAt`). */
  endedAt: string | null;
  /** Founder and call, where the source names them (VAPI call metadata). */
  target: { user: string | null; call: number | null };
}

/** The stored form (`transcripts_raw.transcript_text`): one `Assistant:` / `Founder:` line per turn. */
export function transcriptText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.role === 'assistant' ? 'Assistant' : 'Founder'}: ${t.text}`).join('\n');
}

/** `transcripts_raw.speaker_segments`: `{speaker, start_s, end_s, text}` with the role as speaker and the label kept. */
export function speakerSegments(turns: readonly Turn[]) {
  return turns.map((t) => ({
    speaker: t.role,
    label: t.speaker,
    start_s: t.start_s,
    end_s: t.end_s,
    text: t.text,
  }));
}

/** Words of a text, as a count (for quality and sizes). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

/** What a transcriber writes where it could not hear: `[inaudible]`, `(unintelligible)`, `[crosstalk]`. */
export const INAUDIBLE =
  /[[(](?:inaudible|unintelligible|indistinct|crosstalk|cross-talk|unclear|garbled|no audio)(?:[^\])]{0,20})[\])]/gi;
