import { foldAccents } from '../words.ts';
import type { SpeakerRole } from './transcript.ts';

/**
 * Who is speaking, from a speaker label. The assistant is named by a few
 * well-known labels (`AI`, `Assistant`, `Bot`, `Agent`, `Interviewer`…); the
 * founder by others (`User`, `Founder`, `Customer`, `Caller`…) or by a name.
 * A transcript is read only when that is unambiguous: the assistant has a
 * known label and everyone else speaks for the business (co-founders may
 * share a call), or the assistant has a known label and the founder a name.
 * Two names with no known assistant label could be either way round, so
 * that is refused and the error says how to label the lines.
 */
const ASSISTANT_LABELS = new Set([
  'ai',
  'a i',
  'assistant',
  'ai assistant',
  'virtual assistant',
  'bot',
  'agent',
  'ai agent',
  'voice agent',
  'interviewer',
  'consultant',
  'host',
  'dreamseed',
  'dreamseed ai',
  'dreamseed assistant',
  'dreamseed guide',
  'guide',
  'vapi',
  'system assistant',
]);

const FOUNDER_LABELS = new Set([
  'user',
  'founder',
  'customer',
  'caller',
  'client',
  'owner',
  'business owner',
  'human',
  'me',
  'speaker',
  'interviewee',
]);

/** A label in a comparable form: no accents, lower case, single spaces, no punctuation. */
export function labelKey(label: string): string {
  return foldAccents(label)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function knownRole(label: string): SpeakerRole | null {
  const key = labelKey(label);
  if (ASSISTANT_LABELS.has(key)) return 'assistant';
  if (FOUNDER_LABELS.has(key)) return 'founder';
  return null;
}

export type RoleAssignment = { ok: true; roles: Map<string, SpeakerRole> } | { ok: false; problem: string };

/**
 * Roles for every speaker label of one transcript (labels compared by
 * `labelKey`). `names` are the founder's own names (account name, first
 * name), which count as founder labels.
 */
export function assignRoles(labels: readonly string[], names: readonly string[] = []): RoleAssignment {
  const nameKeys = new Set(names.flatMap((n) => [labelKey(n), labelKey(n).split(' ')[0]!]).filter(Boolean));
  const distinct = [...new Map(labels.map((l) => [labelKey(l), l])).values()];
  const roles = new Map<string, SpeakerRole>();
  const unknown: string[] = [];
  for (const label of distinct) {
    const key = labelKey(label);
    const role = knownRole(label) ?? (nameKeys.has(key) ? 'founder' : null);
    if (role) roles.set(key, role);
    else unknown.push(label);
  }
  const hasAssistant = [...roles.values()].includes('assistant');
  if (!hasAssistant) {
    const shown = distinct.map((l) => `"${l}"`).join(', ');
    return {
      ok: false,
      problem: `no speaker is recognisably the assistant (labels: ${shown}); label the assistant's lines "AI:" or "Assistant:"`,
    };
  }
  // With the assistant known, every other speaker speaks for the business.
  for (const label of unknown) roles.set(labelKey(label), 'founder');
  if (![...roles.values()].includes('founder'))
    return { ok: false, problem: 'only the assistant speaks: there is no answer from the founder' };
  return { ok: true, roles };
}
