import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { addFounder } from '../../../generator/founders/add-founder.ts';
import { addTranscript } from '../../../generator/transcripts/process-transcript.ts';
import { openTestDatabase } from '../../helpers/database.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const file = (f: string) => readFileSync(join(FIXTURES, f));

let db: Database;
let userId: string;
beforeEach(async () => {
  db = await openTestDatabase();
  userId = (await addFounder(db, { business_name: 'Rosa & Daughters Bakery', customer_name: 'Rosa Amato' }))
    .id;
});
afterEach(async () => {
  await db.close();
});

const user = () =>
  db.query<Record<string, unknown>>('select * from public.users where id = $1', [userId]).then((r) => r[0]!);
const sessions = () =>
  db.query<Record<string, unknown>>('select * from public.conversation_sessions where user_id = $1', [
    userId,
  ]);
const raw = () =>
  db.query<Record<string, unknown>>(
    'select * from public.transcripts_raw where user_id = $1 order by call_number',
    [userId],
  );

describe('storing a call', () => {
  it('stores the transcript, the session and the call progress', async () => {
    const { stored } = await addTranscript(db, {
      user: userId,
      call: 3,
      source: file('bakery/call-3.vapi.json'),
      label: 'call-3.vapi.json',
    });
    expect(stored.outcome).toBe('added');
    const [row] = await raw();
    expect(row).toMatchObject({
      call_number: 3,
      call_session_id: 'call_8f2e61b0-bakery-3',
      vapi_call_id: 'call_8f2e61b0-bakery-3',
      duration_seconds: 430,
      session_id: stored.sessionId,
    });
    expect(Number(row!.call_quality)).toBe(1);
    expect(row!.transcript_text).toMatch(/^Assistant: Hi Rosa, .*\nFounder: We're on Atwells Avenue/);
    expect((row!.speaker_segments as unknown[])[1]).toEqual({
      speaker: 'founder',
      label: 'user',
      start_s: 8.08,
      end_s: 11.88,
      text: "We're on Atwells Avenue, in Providence, Rhode Island.",
    });
    const u = await user();
    expect(u).toMatchObject({ call_3_completed: true, call_1_completed: false, current_call_stage: 1 });
    expect((u.call_3_completed_at as Date).toISOString()).toBe('2026-02-19T16:05:11.870Z');
    expect(await sessions()).toEqual([
      expect.objectContaining({ status: 'in_progress', calls_completed: 1, current_call: 1 }),
    ]);
  });

  it('completes the journey after four calls', async () => {
    for (const [call, f] of [
      [1, 'bakery/call-1.txt'],
      [2, 'bakery/call-2.json'],
      [3, 'bakery/call-3.vapi.json'],
      [4, 'bakery/call-4.txt'],
    ] as const)
      await addTranscript(db, { user: 'rosa-and-daughters-bakery', call, source: file(f), label: f });
    const u = await user();
    expect([u.call_1_completed, u.call_2_completed, u.call_3_completed, u.call_4_completed]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(u.current_call_stage).toBe(4);
    const [s] = await sessions();
    expect(s).toMatchObject({ status: 'completed', calls_completed: 4, current_call: 4 });
    expect(s!.completed_at).not.toBeNull();
    expect((await raw()).map((r) => r.session_id)).toEqual([s!.id, s!.id, s!.id, s!.id]);
  });

  it('is idempotent: the same content again changes nothing at all', async () => {
    await addTranscript(db, { user: userId, call: 1, source: file('bakery/call-1.txt'), label: 'a.txt' });
    const before = { raw: await raw(), user: await user(), sessions: await sessions() };
    const again = await addTranscript(db, {
      user: userId,
      call: 1,
      source: file('bakery/call-1.txt'),
      label: 'renamed.txt',
    });
    expect(again.stored.outcome).toBe('unchanged');
    expect({ raw: await raw(), user: await user(), sessions: await sessions() }).toEqual(before);
  });

  it('replaces a call given different content, keeping the replaced text', async () => {
    await addTranscript(db, {
      user: userId,
      call: 1,
      source: 'AI: What is the business called?\nFounder: Rosa Bakery.',
      label: 'first.txt',
    });
    const first = (await raw())[0]!;
    const second = await addTranscript(db, {
      user: userId,
      call: 1,
      source: file('bakery/call-1.txt'),
      label: 'second.txt',
    });
    expect(second.stored.outcome).toBe('replaced');
    const rows = await raw();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(first.id);
    const previous = (rows[0]!.metadata as { previous_versions: { transcript_text: string }[] })
      .previous_versions;
    expect(previous.map((p) => p.transcript_text)).toEqual([
      'Assistant: What is the business called?\nFounder: Rosa Bakery.',
    ]);
  });

  it('stores nothing for a malformed file, and says which call is needed when none is given', async () => {
    await expect(
      addTranscript(db, { user: userId, call: 2, source: '[{"speaker":"AI"}]', label: 'bad.json' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      addTranscript(db, {
        user: userId,
        source: file('emergency-plumber/call-4.vapi.json'),
        label: 'r.json',
      }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('no call_number in its metadata'),
    });
    await expect(
      addTranscript(db, { user: 'nobody-here', call: 1, source: 'AI: Hi?\nFounder: Hello.', label: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await raw()).toEqual([]);
    expect(await sessions()).toEqual([]);
    expect((await user()).call_2_completed).toBe(false);
  });

  it('keeps one row per founder and call even under concurrent adds (the unique index)', async () => {
    await asService(db, (tx) =>
      tx.query(
        `insert into public.transcripts_raw (user_id, call_number, transcript_text) values ($1, 2, 'Assistant: x')`,
        [userId],
      ),
    );
    await expect(
      asService(db, (tx) =>
        tx.query(
          `insert into public.transcripts_raw (user_id, call_number, transcript_text) values ($1, 2, 'Assistant: y')`,
          [userId],
        ),
      ),
    ).rejects.toThrow(/transcripts_raw_user_call_key/);
  });
});
