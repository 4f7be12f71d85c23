import { z } from 'zod';
import { cleanSpeech } from './parse-text.ts';
import { assignRoles, labelKey } from './speaker-roles.ts';
import { INAUDIBLE, type Transcript } from './transcript.ts';

/**
 * A JSON array of segments, one per turn: `{speaker, text, start?, end?}`
 * with times in seconds from the start of the call. Speakers are read as in
 * a text transcript (`speaker-roles.ts`). Other keys are errors, so a typo
 * (`"txt"`) is named instead of silently losing the words.
 */
const seconds = z.number().finite().nonnegative('must be 0 or more (seconds from the start of the call)');

export const segmentSchema = z
  .strictObject({
    speaker: z.string().trim().min(1, 'is empty: name the speaker ("AI", "Founder", or a name)'),
    text: z.string(),
    start: seconds.nullish(),
    end: seconds.nullish(),
  })
  .refine((s) => s.start == null || s.end == null || s.end >= s.start, {
    message: 'end is before start',
    path: ['end'],
  });

export const segmentsSchema = z.array(segmentSchema).min(1, 'has no segments');

export type Segment = z.infer<typeof segmentSchema>;

export function parseSegments(
  segments: readonly Segment[],
  names: readonly string[] = [],
): { transcript: Transcript } | { problems: string[] } {
  const assignment = assignRoles(
    segments.map((s) => s.speaker),
    names,
  );
  if (!assignment.ok) return { problems: [`speaker: ${assignment.problem}`] };
  const turns = segments
    .map((s) => ({
      role: assignment.roles.get(labelKey(s.speaker))!,
      speaker: s.speaker,
      text: cleanSpeech(s.text),
      start_s: s.start ?? null,
      end_s: s.end ?? null,
    }))
    .filter((t) => t.text);
  if (!turns.some((t) => t.role === 'founder'))
    return { problems: ['text: the founder says nothing: every founder segment is empty'] };
  const ends = turns.flatMap((t) => [t.end_s, t.start_s]).filter((n): n is number => n !== null);
  return {
    transcript: {
      shape: 'segments',
      turns,
      unattributedWords: 0,
      skipped: 0,
      inaudibleMarks: turns.reduce((n, t) => n + (t.text.match(INAUDIBLE)?.length ?? 0), 0),
      durationSeconds: ends.length ? Math.max(...ends) : null,
      callId: null,
      endedAt: null,
      target: { user: null, call: null },
    },
  };
}
