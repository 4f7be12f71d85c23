import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vapiSignature } from '../../../../generator/transcripts/vapi-webhook.ts';
import { startTestServer, type TestServer } from '../server-fixture.ts';

const SECRET = 'test-secret-0123456789abcdef';
const report = readFileSync(
  join(import.meta.dirname, '..', '..', 'transcripts', 'fixtures', 'bakery', 'call-3.vapi.json'),
  'utf8',
);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({
    env: {
      DREAMSEED_VAPI_SECRET: SECRET,
      DREAMSEED_EXTRACTOR: 'offline',
      DREAMSEED_EMBEDDER: 'lexical',
      OPENAI_API_KEY: '',
    },
  });
  const bakery = s.founders.find((f) => f.slug === 'bakery')!;
  await s.db.query('delete from public.transcripts_raw where user_id = $1 and call_number = 3', [bakery.id]);
});
afterAll(() => s?.close());

const send = (body: string, headers: Record<string, string>) =>
  s.fetch('/api/transcript-processor', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('POST /api/transcript-processor', () => {
  it('refuses a report without the shared secret or with a wrong one (401), storing nothing', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-vapi-secret': 'guess' },
      { authorization: `Bearer ${await s.tokenFor('bakery')}` },
    ];
    for (const headers of attempts) {
      const res = await send(report, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_UNAUTHORIZED');
    }
    const bakery = s.founders.find((f) => f.slug === 'bakery')!;
    expect(
      await s.db.query('select 1 from public.transcripts_raw where user_id = $1 and call_number = 3', [
        bakery.id,
      ]),
    ).toHaveLength(0);
  });

  it('answers other server messages 200 ignored, and refuses a message without a type (422)', async () => {
    const status = JSON.stringify({ message: { type: 'status-update', status: 'in-progress' } });
    const res = await send(status, { 'x-vapi-secret': SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ignored: true, type: 'status-update' });
    const bad = await send(JSON.stringify({ message: {} }), { 'x-vapi-secret': SECRET });
    expect(bad.status).toBe(422);
  });

  it('stores a signed end-of-call report (202), then extracts its facts into Dream DNA in the background', async () => {
    const res = await send(report, { 'x-vapi-signature': vapiSignature(report, SECRET) });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ call: 3, outcome: 'added' });
    const bakery = s.founders.find((f) => f.slug === 'bakery')!;
    expect(
      await s.db.query('select 1 from public.transcripts_raw where user_id = $1 and call_number = 3', [
        bakery.id,
      ]),
    ).toHaveLength(1);
    const deadline = Date.now() + 30_000;
    while (!s.log.some((l) => l.startsWith('transcript: call 3')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(s.log.find((l) => l.startsWith('transcript: call 3'))).toMatch(/processed/);
    const [row] = await s.db.query<{ processed: boolean }>(
      `select metadata ? 'processed_hash' as processed from public.transcripts_raw where user_id = $1 and call_number = 3`,
      [bakery.id],
    );
    expect(row!.processed).toBe(true);
    // Sent again: unchanged, no second processing.
    const again = await send(report, { 'x-vapi-secret': SECRET });
    expect(await again.json()).toMatchObject({ outcome: 'unchanged' });
  });
});
