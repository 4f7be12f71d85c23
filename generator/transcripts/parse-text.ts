import { assignRoles, knownRole, labelKey } from './speaker-roles.ts';
import { INAUDIBLE, type Transcript, type Turn, wordCount } from './transcript.ts';

/**
 * A plain-text transcript with speaker labels, one turn per labelled line:
 *
 *     AI: What is your business called?
 *     Rosa: Rosa & Daughters Bakery.
 *     [00:42] Assistant: And where are you?
 *     Founder (00:45): Providence, Rhode Island.
 *
 * A label is a short name before a colon, optionally with a time before it
 * (`[00:42]`, `00:42`) or after it in brackets. A line whose "label" is not a
 * speaker (a word used once, such as "Note: we close at three") continues the
 * previous turn, as do unlabelled lines. Speakers are the known labels
 * (`speaker-roles.ts`), the founder's names, and any label used on two lines
 * or more. Problems are reported with their line numbers.
 */
const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\.\d+)?`;
const LINE = new RegExp(
  String.raw`^\s*(?:[\[(]?(${TIME})[\])]?\s*[-–]?\s*)?([\p{L}][\p{L}\p{N} .'’&-]{0,38}?)\s*(?:[\[(](${TIME})[\])])?\s*:\s*(.*)$`,
  'u',
);

export interface TextProblem {
  line: number;
  problem: string;
}

export function parseTextTranscript(
  source: string,
  names: readonly string[] = [],
): { transcript: Transcript } | { problems: TextProblem[] } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const candidates = lines.map((raw, i) => {
    const m = LINE.exec(raw);
    if (!m) return null;
    const label = m[2]!.trim();
    // At most four words: a longer "label" is a sentence with a colon in it.
    if (label.split(/\s+/).length > 4) return null;
    return { line: i + 1, label, time: m[1] ?? m[3] ?? null, text: m[4]!.trim() };
  });
  const uses = new Map<string, number>();
  for (const c of candidates) if (c) uses.set(labelKey(c.label), (uses.get(labelKey(c.label)) ?? 0) + 1);
  const nameKeys = new Set(names.flatMap((n) => [labelKey(n), labelKey(n).split(' ')[0]!]));
  const isSpeaker = (label: string) =>
    knownRole(label) !== null || nameKeys.has(labelKey(label)) || (uses.get(labelKey(label)) ?? 0) >= 2;
  const speakers = [...new Set(candidates.filter((c) => c && isSpeaker(c.label)).map((c) => c!.label))];
  if (!speakers.length) {
    const first = lines.findIndex((l) => l.trim());
    return {
      problems: [
        {
          line: first < 0 ? 1 : first + 1,
          problem:
            first < 0
              ? 'the file is empty'
              : 'no speaker labels: start each turn with the speaker and a colon, e.g. "AI: What is your business called?" and "Founder: …"',
        },
      ],
    };
  }
  const assignment = assignRoles(speakers, names);
  if (!assignment.ok) {
    const firstLabelled = candidates.find((c) => c && isSpeaker(c.label))!;
    return { problems: [{ line: firstLabelled.line, problem: assignment.problem }] };
  }
  const turns: (Turn & { line: number })[] = [];
  let unattributedWords = 0;
  let inaudibleMarks = 0;
  for (const [i, raw] of lines.entries()) {
    const c = candidates[i];
    inaudibleMarks += raw.match(INAUDIBLE)?.length ?? 0;
    if (c && isSpeaker(c.label)) {
      const start = c.time ? seconds(c.time) : null;
      const previous = turns.at(-1);
      if (previous && previous.end_s === null && start !== null) previous.end_s = start;
      turns.push({
        role: assignment.roles.get(labelKey(c.label))!,
        speaker: c.label,
        text: c.text,
        start_s: start,
        end_s: null,
        line: c.line,
      });
      continue;
    }
    const text = raw.trim();
    if (!text) continue;
    const previous = turns.at(-1);
    if (previous) previous.text = previous.text ? `${previous.text} ${text}` : text;
    else unattributedWords += wordCount(text);
  }
  const spoken = turns.map((t) => ({ ...t, text: cleanSpeech(t.text) })).filter((t) => t.text.length > 0);
  if (!spoken.some((t) => t.role === 'founder')) {
    const line = turns.find((t) => t.role === 'founder')?.line ?? turns[0]!.line;
    return { problems: [{ line, problem: 'the founder says nothing: every founder line is empty' }] };
  }
  const last = spoken.at(-1)!;
  return {
    transcript: {
      shape: 'text',
      turns: spoken.map(({ line: _line, ...t }) => t),
      unattributedWords,
      skipped: 0,
      inaudibleMarks,
      durationSeconds: last.end_s ?? last.start_s,
      callId: null,
      endedAt: null,
      target: { user: null, call: null },
    },
  };
}

/** `1:02:03`, `02:03` or `2:03.5` → seconds. */
export function seconds(time: string): number {
  return time
    .split(':')
    .map(Number)
    .reduce((total, part) => total * 60 + part, 0);
}

/** Speech as stored: single spaces, the transcriber's markers kept (they are part of what was heard). */
export function cleanSpeech(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
