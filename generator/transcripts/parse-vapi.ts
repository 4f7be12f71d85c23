import { z } from 'zod';
import { cleanSpeech } from './parse-text.ts';
import { INAUDIBLE, type SpeakerRole, type Transcript } from './transcript.ts';

/**
 * A VAPI end-of-call report, as VAPI posts it to a server URL:
 * `{"message": {"type": "end-of-call-report", "call": {"id", "metadata"?},
 * "artifact": {"messages": [...]}, "durationSeconds", "startedAt", "endedAt", …}}`
 * (the bare message, without the `message` wrapper, is read too).
 *
 * `artifact.messages[]` items have a `role`: `bot` (or `assistant`) is the
 * assistant, `user` the founder; `system`, `tool_calls`, `tool_call_result`
 * and `function_*` are not speech and are skipped. Their `secondsFromStart`
 * is in seconds, `duration` in milliseconds. Any other role is an error
 * (naming its path), so speech is never dropped silently.
 *
 * The founder and the call number may come with the call, as metadata set
 * when the call was started: `call.metadata` (or `assistant.metadata`)
 * `dreamseed_user_id` / `user_id` and `call_number`.
 */
const SPEECH: Record<string, SpeakerRole> = { bot: 'assistant', assistant: 'assistant', user: 'founder' };
const NOT_SPEECH = /^(system|tool_calls?|tool_call_result|tool|function_call|function_result|function)$/;

const vapiMessageItem = z.looseObject({
  role: z.string().min(1, 'is empty'),
  message: z.string().optional(),
  secondsFromStart: z.number().finite().nonnegative().optional(),
  /** Milliseconds. */
  duration: z.number().finite().nonnegative().optional(),
});

const metadata = z.record(z.string(), z.unknown()).nullish();

export const vapiReportSchema = z.looseObject({
  type: z.literal('end-of-call-report', {
    error: 'must be "end-of-call-report" (other VAPI server messages carry no transcript)',
  }),
  call: z.looseObject({ id: z.string().min(1, 'is empty'), metadata }),
  assistant: z.looseObject({ metadata }).nullish(),
  artifact: z.looseObject({ messages: z.array(vapiMessageItem).min(1, 'has no messages') }),
  durationSeconds: z.number().finite().nonnegative().nullish(),
  startedAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  endedReason: z.string().nullish(),
});

export type VapiReport = z.infer<typeof vapiReportSchema>;

/** `{message: {...}}` → the message; a bare report stays as it is. */
export function unwrapVapi(raw: unknown): { value: unknown; prefix: string } {
  if (raw && typeof raw === 'object' && 'message' in raw && typeof raw.message === 'object')
    return { value: (raw as { message: unknown }).message, prefix: 'message.' };
  return { value: raw, prefix: '' };
}

/** Does this JSON look like a VAPI server message (so its errors are reported as one)? */
export function looksLikeVapi(raw: unknown): boolean {
  const { value } = unwrapVapi(raw);
  return !!value && typeof value === 'object' && ('artifact' in value || 'type' in value || 'call' in value);
}

export function parseVapiReport(
  report: VapiReport,
  prefix = 'message.',
): { transcript: Transcript } | { problems: string[] } {
  const problems: string[] = [];
  const turns: Transcript['turns'] = [];
  let skipped = 0;
  for (const [i, m] of report.artifact.messages.entries()) {
    const role = SPEECH[m.role];
    if (!role) {
      if (NOT_SPEECH.test(m.role)) skipped++;
      else
        problems.push(
          `${prefix}artifact.messages.${i}.role: "${m.role}" is not a role this reader knows (bot, user; system and tool messages are skipped)`,
        );
      continue;
    }
    if (m.message === undefined) {
      problems.push(`${prefix}artifact.messages.${i}.message: missing (a ${m.role} message needs its words)`);
      continue;
    }
    const text = cleanSpeech(m.message);
    if (!text) continue;
    const start = m.secondsFromStart ?? null;
    turns.push({
      role,
      speaker: m.role,
      text,
      start_s: start,
      end_s: start !== null && m.duration !== undefined ? round(start + m.duration / 1000) : null,
    });
  }
  if (problems.length) return { problems };
  if (!turns.some((t) => t.role === 'founder'))
    return {
      problems: [`${prefix}artifact.messages: no "user" message has words: the founder says nothing`],
    };
  const meta = { ...(report.assistant?.metadata ?? {}), ...(report.call.metadata ?? {}) };
  const user = meta.dreamseed_user_id ?? meta.user_id;
  const call = Number(meta.call_number);
  const ends = turns.flatMap((t) => [t.end_s, t.start_s]).filter((n): n is number => n !== null);
  return {
    transcript: {
      shape: 'vapi',
      turns,
      unattributedWords: 0,
      skipped,
      inaudibleMarks: turns.reduce((n, t) => n + (t.text.match(INAUDIBLE)?.length ?? 0), 0),
      durationSeconds: report.durationSeconds ?? (ends.length ? Math.max(...ends) : null),
      callId: report.call.id,
      endedAt: report.endedAt ?? null,
      target: {
        user: typeof user === 'string' && user.trim() ? user.trim() : null,
        call: Number.isInteger(call) && call >= 1 && call <= 4 ? call : null,
      },
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
