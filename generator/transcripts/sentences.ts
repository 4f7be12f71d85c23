/**
 * Sentences of spoken text, and the small clean-ups an answer needs before
 * it becomes a fact: speech fillers ("um", "uh") out, leading "Yes," /
 * "Sure." / "Well," out, single spaces. Nothing else is reworded: a fact
 * read from an answer is the founder's own words.
 */
const ABBREVIATIONS = /\b(?:St|Ave|Dr|Mr|Mrs|Ms|Jr|Sr|Inc|Ltd|Co|vs|etc|approx|e\.g|i\.e|a\.m|p\.m)\.$/i;

export function sentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?…]["”’)]?)\s+(?=["“(]?[\p{Lu}\p{N}$£€])/u);
  const out: string[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    // "No. 5" is a number; "No." before a sentence is an answer.
    if (last && (ABBREVIATIONS.test(last) || (/\bNo\.$/.test(last) && /^\d/.test(part))))
      out[out.length - 1] = `${last} ${part}`;
    else out.push(part);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

const FILLERS = /(?<![\p{L}'’])(?:um+|uh+|erm+|er|hmm+|mm+)(?![\p{L}'’])[,.]?\s*/giu;
/** Words that open an answer without being part of it. */
const LEAD_INS =
  /^(?:(?:yes|yeah|yep|sure|okay|ok|right|well|so|oh|honestly|absolutely|of course|great question|good question|let me think|let's see|hmm|definitely|alright|all right)[,.!:;]?\s+)+/i;

export function tidyAnswer(text: string, options: { keepLeadIns?: boolean } = {}): string {
  return text
    .replace(FILLERS, '')
    .replace(options.keepLeadIns ? /^$/ : LEAD_INS, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim()
    .replace(/^[a-z]/, (c) => c.toUpperCase());
}

/** A sentence without its closing full stop (a fact is stored without one unless it is several sentences). */
export function withoutFinalStop(text: string): string {
  return text.replace(/[.]+$/, '').trim();
}

/** "That's it, nothing yet": an answer that gives no value. */
export const NO_ANSWER =
  /^(?:(?:no|nope)(?=[.,!]|$)|not (?:yet|really|sure)|none(?: yet)?|nothing(?: yet)?|we don'?t(?: have(?: one| any| that)?)?(?: yet)?|i don'?t (?:know|have (?:one|any))(?: yet)?|not at the moment|haven'?t (?:decided|got one)(?: yet)?|n\/a)\b[^.?!]{0,40}[.?!]?$/i;

/** Hedges that make an answer less certain. */
export const HEDGE =
  /\b(?:i think|i guess|maybe|probably|perhaps|not sure|i'?m not certain|kind of|sort of|i don'?t know|might|roughly|more or less|for now|for the moment|hopefully)\b/i;
