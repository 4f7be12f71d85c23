import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { handleTranscriptRequest } from '../../../generator/transcripts/transcript-request.ts';
import { vapiSignature } from '../../../generator/transcripts/vapi-webhook.ts';
import { openTestDatabase } from '../../helpers/database.ts';

const SECRET = 'test-secret-0123456789abcdef';
const report = readFileSync(join(import.meta.dirname, 'fixtures/bakery/call-3.vapi.json'), 'utf8');
const BAKERY = 'd7ea0000-0000-4000-8000-000000000001';

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase();
  // The seeded bakery has a call 2 transcript; start call 3 from nothing.
  await db.query('delete from public.transcripts_raw where user_id = $1 and call_number = 3', [BAKERY]);
});
afterEach(async () => {
  await db.close();
});

const stored = () =>
  db.query('select call_number from public.transcripts_raw where user_id = $1 and call_number = 3', [BAKERY]);

describe('handleTranscriptRequest (POST /api/transcript-processor)', () => {
  it('stores a signed end-of-call report and answers 202 with the follow-up job', async () => {
    const r = await handleTranscriptRequest(
      db,
      { headers: { 'x-vapi-signature': vapiSignature(report, SECRET) }, rawBody: report },
      SECRET,
    );
    expect(r).toMatchObject({
      status: 202,
      body: { call: 3, outcome: 'added' },
      followUp: { userId: BAKERY, call: 3 },
    });
    expect(await stored()).toHaveLength(1);
    const again = await handleTranscriptRequest(
      db,
      { headers: { 'x-vapi-secret': SECRET }, rawBody: report },
      SECRET,
    );
    expect(again).toMatchObject({ status: 202, body: { outcome: 'unchanged' }, followUp: null });
  });

  it('refuses a report without the secret, or with a wrong one, and stores nothing', async () => {
    for (const headers of [{}, { 'x-vapi-secret': 'guess' }, { authorization: 'Bearer guess' }]) {
      const r = await handleTranscriptRequest(db, { headers, rawBody: report }, SECRET);
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    }
    expect(
      (
        await handleTranscriptRequest(
          db,
          { headers: { 'x-vapi-secret': SECRET }, rawBody: report },
          undefined,
        )
      ).status,
    ).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it('ignores other server messages, and refuses reports that name no founder or are malformed', async () => {
    const headers = { 'x-vapi-secret': SECRET };
    const status = await handleTranscriptRequest(
      db,
      { headers, rawBody: JSON.stringify({ message: { type: 'status-update', status: 'ended' } }) },
      SECRET,
    );
    expect(status).toEqual({ status: 200, body: { ignored: true, type: 'status-update' }, followUp: null });
    const anonymous = JSON.parse(report);
    delete anonymous.message.call.metadata;
    const r = await handleTranscriptRequest(db, { headers, rawBody: JSON.stringify(anonymous) }, SECRET);
    expect(r).toMatchObject({ status: 422, body: { error: { code: 'TRANSCRIPT_TARGET' } } });
    const broken = JSON.parse(report);
    broken.message.artifact.messages = [];
    const b = await handleTranscriptRequest(db, { headers, rawBody: JSON.stringify(broken) }, SECRET);
    expect(b).toMatchObject({
      status: 422,
      body: {
        error: { code: 'INVALID_INPUT', data: { issues: ['message.artifact.messages: has no messages'] } },
      },
    });
    expect(await stored()).toEqual([]);
  });
});
