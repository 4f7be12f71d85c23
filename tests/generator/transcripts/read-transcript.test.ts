import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDreamseedError } from '../../../generator/errors.ts';
import { MAX_TRANSCRIPT_BYTES, readTranscript } from '../../../generator/transcripts/read-transcript.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (file: string) => readTranscript(readFileSync(join(FIXTURES, file)), file);

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isDreamseedError(error) && error.code === 'INVALID_INPUT') return error.data?.issues as string[];
    throw error;
  }
  throw new Error('expected the transcript to be refused');
}

describe('readTranscript: the three shapes', () => {
  it('reads plain text with times, labels and continuation lines', () => {
    const t = read('bakery/call-1.txt');
    expect(t.shape).toBe('text');
    expect(t.turns[0]).toMatchObject({ role: 'assistant', speaker: 'AI', start_s: 0, end_s: 6 });
    expect(t.turns[1]).toMatchObject({ role: 'founder', speaker: 'User', start_s: 6 });
    expect(t.durationSeconds).toBe(93);
  });

  it('reads names and "Agent (00:05)" labels; a colon inside speech is not a speaker', () => {
    const t = readTranscript(
      'Interviewer: Hours?\nDale: Note: we never close.\nMonday to Sunday, all day.\nInterviewer: Thanks.\nDale: Bye.',
      'x',
    );
    expect(t.turns.map((x) => [x.role, x.speaker])).toEqual([
      ['assistant', 'Interviewer'],
      ['founder', 'Dale'],
      ['assistant', 'Interviewer'],
      ['founder', 'Dale'],
    ]);
    expect(t.turns[1]!.text).toBe('Note: we never close. Monday to Sunday, all day.');
    const timed = read('yoga-studio/call-4.txt');
    expect(timed.turns[1]).toMatchObject({ role: 'founder', speaker: 'Keiko', start_s: 5, end_s: 8 });
  });

  it('reads a segments array, with co-founders as the founder side', () => {
    const t = read('bakery/call-2.json');
    expect(t.shape).toBe('segments');
    expect(t.turns[1]).toMatchObject({ role: 'founder', speaker: 'Rosa', start_s: 4.8, end_s: 5.6 });
    const two = readTranscript(
      JSON.stringify([
        { speaker: 'Bot', text: 'Who runs it?' },
        { speaker: 'Gina', text: 'Me and my sister.' },
        { speaker: 'Teresa', text: 'And our mother.' },
      ]),
      'x',
    );
    expect(two.turns.map((x) => x.role)).toEqual(['assistant', 'founder', 'founder']);
  });

  it('reads a VAPI end-of-call report, skipping system and tool messages, with the call id and metadata', () => {
    const t = read('bakery/call-3.vapi.json');
    expect(t.shape).toBe('vapi');
    expect(t.skipped).toBe(3);
    expect(t.callId).toBe('call_8f2e61b0-bakery-3');
    expect(t.durationSeconds).toBe(429.75);
    expect(t.endedAt).toBe('2026-02-19T16:05:11.870Z');
    expect(t.target).toEqual({ user: 'd7ea0000-0000-4000-8000-000000000001', call: 3 });
    // secondsFromStart in seconds, duration in milliseconds.
    expect(t.turns[0]).toMatchObject({ role: 'assistant', speaker: 'bot', start_s: 1.28, end_s: 6.98 });
    expect(t.turns.every((x) => !x.text.includes('consultation assistant. Collect'))).toBe(true);
  });

  it('reads a bare report without the message wrapper, and a call_number given as text', () => {
    expect(read('emergency-plumber/call-4.vapi.json').target).toEqual({ user: null, call: null });
    expect(read('yoga-studio/call-2.vapi.json').target.call).toBe(2);
  });
});

describe('readTranscript: malformed input is refused with what is wrong', () => {
  it('names the line of a text problem', () => {
    expect(issuesOf(() => readTranscript('\n\nHello there.\nNothing labelled.', 't'))).toEqual([
      expect.stringMatching(/^line 3: no speaker labels/),
    ]);
    expect(issuesOf(() => readTranscript('', 't'))).toEqual(['line 1: the file is empty']);
    expect(issuesOf(() => readTranscript('Sam: Hi.\nRosa: Hello.\nSam: Name?\nRosa: Rosa.', 't'))).toEqual([
      expect.stringMatching(/^line 1: no speaker is recognisably the assistant \(labels: "Sam", "Rosa"\)/),
    ]);
    expect(issuesOf(() => readTranscript('AI: Hello?\nAI: Anyone?', 't'))).toEqual([
      expect.stringMatching(/^line 1: only the assistant speaks/),
    ]);
  });

  it('names the JSON path of a segment problem, and the position of a syntax error', () => {
    expect(
      issuesOf(() => readTranscript('[{"speaker":"AI","text":"hi"},{"speakr":"Founder","text":3}]', 's')),
    ).toEqual([
      '[1].speaker: Invalid input: expected string, received undefined',
      '[1].text: Invalid input: expected string, received number',
      '[1]: unknown key "speakr"',
    ]);
    expect(issuesOf(() => readTranscript('[{"speaker":"AI","text":"hi","start":5,"end":2}]', 's'))).toEqual([
      '[0].end: end is before start',
    ]);
    expect(issuesOf(() => readTranscript('[\n {"speaker": "AI",\n  "text": "hi"\n', 's'))[0]).toMatch(
      /^is not valid JSON: .* at line 4, column 1$|^is not valid JSON: .*line 4/,
    );
  });

  it('names the path in a VAPI report', () => {
    const report = JSON.parse(readFileSync(join(FIXTURES, 'bakery/call-3.vapi.json'), 'utf8'));
    report.message.artifact.messages[2].role = 'narrator';
    delete report.message.artifact.messages[4].message;
    expect(issuesOf(() => readTranscript(JSON.stringify(report), 'v'))).toEqual([
      'message.artifact.messages.2.role: "narrator" is not a role this reader knows (bot, user; system and tool messages are skipped)',
      'message.artifact.messages.4.message: missing (a user message needs its words)',
    ]);
    expect(
      issuesOf(() =>
        readTranscript(JSON.stringify({ message: { type: 'status-update', call: { id: 'x' } } }), 'v'),
      ),
    ).toEqual([
      'message.type: must be "end-of-call-report" (other VAPI server messages carry no transcript)',
      'message.artifact: Invalid input: expected object, received undefined',
    ]);
  });

  it('refuses binary, non-UTF-8 and oversized files', () => {
    expect(issuesOf(() => readTranscript(Buffer.from([0x49, 0x44, 0x33, 0x00, 0x01]), 'a.mp3'))[0]).toMatch(
      /binary/,
    );
    expect(
      issuesOf(() => readTranscript(Buffer.from([0x41, 0x49, 0x3a, 0x20, 0xff, 0xfe]), 'l1.txt'))[0],
    ).toMatch(/UTF-8/);
    expect(issuesOf(() => readTranscript('AI: x\n'.repeat(MAX_TRANSCRIPT_BYTES / 6 + 1), 'big'))[0]).toMatch(
      /MiB/,
    );
  });
});
