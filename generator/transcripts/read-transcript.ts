import { errors, formatIssues } from '../errors.ts';
import { parseSegments, segmentsSchema } from './parse-segments.ts';
import { parseTextTranscript } from './parse-text.ts';
import { looksLikeVapi, parseVapiReport, unwrapVapi, vapiReportSchema } from './parse-vapi.ts';
import type { Transcript } from './transcript.ts';

/**
 * One transcript file (or request body) in any of the three shapes, told
 * apart by its first character: `[` a JSON array of segments, `{` a VAPI
 * end-of-call report, anything else plain text with speaker labels. Every
 * problem is collected and reported at once, naming the JSON path or the
 * line, as one INVALID_INPUT error; nothing is stored for a refused file.
 */
export const MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;

const HINT =
  'Fix what is named and add it again. The three shapes: text lines "AI: …" / "Founder: …"; a JSON array of {speaker, text, start?, end?}; a VAPI end-of-call report (generator/transcripts/README.md).';

export function readTranscript(
  source: string | Buffer,
  label: string,
  options: { names?: readonly string[] } = {},
): Transcript {
  const bytes = typeof source === 'string' ? Buffer.byteLength(source) : source.length;
  if (bytes > MAX_TRANSCRIPT_BYTES)
    throw errors.invalidInput(
      `The transcript ${label}`,
      [
        `is ${(bytes / 1024 / 1024).toFixed(1)} MiB; at most ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB is read`,
      ],
      'Split it by call, or trim what is not the conversation.',
    );
  const text = typeof source === 'string' ? source : decode(source, label);
  const start = text.replace(/^\uFEFF/, '').trimStart();
  // "[00:12] AI: …" is a text transcript with times; a JSON array starts with "[" then "{" or "]".
  if (start.startsWith('{') || /^\[\s*[{\]]/.test(start)) return readJson(start, label, options.names ?? []);
  const parsed = parseTextTranscript(text, options.names);
  if ('problems' in parsed)
    throw errors.invalidInput(
      `The transcript ${label}`,
      parsed.problems.map((p) => `line ${p.line}: ${p.problem}`),
      HINT,
    );
  return parsed.transcript;
}

function readJson(text: string, label: string, names: readonly string[]): Transcript {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw errors.invalidInput(
      `The transcript ${label}`,
      [`is not valid JSON: ${jsonProblem(text, error as Error)}`],
      HINT,
    );
  }
  if (Array.isArray(raw)) {
    const segments = segmentsSchema.safeParse(raw);
    if (!segments.success)
      throw errors.invalidInput(`The transcript ${label}`, formatIssues(segments.error).map(arrayPath), HINT);
    const parsed = parseSegments(segments.data, names);
    if ('problems' in parsed) throw errors.invalidInput(`The transcript ${label}`, parsed.problems, HINT);
    return parsed.transcript;
  }
  if (!looksLikeVapi(raw))
    throw errors.invalidInput(
      `The transcript ${label}`,
      ['(top level): a JSON object that is not a VAPI end-of-call report (no "message.artifact")'],
      HINT,
    );
  const { value, prefix } = unwrapVapi(raw);
  const report = vapiReportSchema.safeParse(value);
  if (!report.success)
    throw errors.invalidInput(
      `The VAPI report ${label}`,
      formatIssues(report.error).map((i) => (i.startsWith('(top level)') ? i : `${prefix}${i}`)),
      HINT,
    );
  const parsed = parseVapiReport(report.data, prefix);
  if ('problems' in parsed) throw errors.invalidInput(`The VAPI report ${label}`, parsed.problems, HINT);
  return parsed.transcript;
}

/** `0.text: …` → `[0].text: …` (an array's items named as JSON paths are). */
function arrayPath(issue: string): string {
  return issue.replace(/^(\d+)(\.|:)/, '[$1]$2');
}

function decode(buffer: Buffer, label: string): string {
  if (buffer.includes(0))
    throw errors.invalidInput(
      `The transcript ${label}`,
      ['is binary (it holds NUL bytes): give a text or JSON transcript, not audio or a document'],
      HINT,
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw errors.invalidInput(`The transcript ${label}`, ['is not UTF-8 text: save it as UTF-8'], HINT);
  }
}

/** The line and column of a JSON syntax error, from V8's "at position N". */
function jsonProblem(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return error.message;
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split('\n');
  const reason = error.message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+.*$/s, '');
  return `${reason} at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}
