import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../generator/config.ts';
import { inlineRunner } from '../../../../generator/jobs/runner.ts';
import { type RunningWorker, startWorker } from '../../../../generator/jobs/worker.ts';
import { vapiSignature } from '../../../../generator/transcripts/vapi-webhook.ts';
import { testJobSettings } from '../../../helpers/job-settings.ts';
import { startTestServer, type TestServer } from '../server-fixture.ts';

/**
 * The transcript processor over real HTTP: VAPI with the shared secret, and founders / the
 * service role with a JSON body. 202 means stored and queued; a worker running beside the server
 * (woken by the route's NOTIFY: its polling and sweeps are set far apart here) processes the call.
 */
const SECRET = 'test-secret-0123456789abcdef';
const SERVICE_KEY = 'service-role-key-for-tests-0123456789';
const fixtures = join(import.meta.dirname, '..', '..', 'transcripts', 'fixtures', 'bakery');
const report = readFileSync(join(fixtures, 'call-3.vapi.json'), 'utf8');
const call4Text = readFileSync(join(fixtures, 'call-4.txt'), 'utf8');
const call2Segments = JSON.parse(readFileSync(join(fixtures, 'call-2.json'), 'utf8')) as unknown[];

let s: TestServer;
let worker: RunningWorker;
const lines: string[] = [];
let bakeryId: string;

beforeAll(async () => {
  s = await startTestServer({
    env: {
      DREAMSEED_VAPI_SECRET: SECRET,
      DREAMSEED_EXTRACTOR: 'offline',
      DREAMSEED_EMBEDDER: 'lexical',
      OPENAI_API_KEY: '',
    },
  });
  bakeryId = s.founders.find((f) => f.slug === 'bakery')!.id;
  await s.db.query('delete from public.transcripts_raw where user_id = $1 and call_number in (2, 3, 4)', [
    bakeryId,
  ]);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await s?.close();
}, 60_000);

const send = (body: string, headers: Record<string, string>) =>
  s.fetch('/api/transcript-processor', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
const stored = async (call: number) =>
  s.db.query<{ processed: boolean }>(
    `select metadata->>'processed_hash' is not distinct from metadata->>'content_hash' as processed
       from public.transcripts_raw where user_id = $1 and call_number = $2`,
    [bakeryId, call],
  );
const count = async () =>
  (await s.db.query<{ n: number }>('select count(*)::int as n from public.transcripts_raw'))[0]!.n;
async function processedWithin(call: number, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await stored(call))[0]?.processed) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`call ${call} was not processed within ${ms} ms`);
}

describe('POST /api/transcript-processor: refusals', () => {
  it('refuses a report without the shared secret or with a wrong one (401), storing nothing', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-vapi-secret': 'guess' },
      { authorization: 'Bearer guess' },
    ];
    for (const headers of attempts) {
      const res = await send(report, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
        /^(WEBHOOK_UNAUTHORIZED|AUTH_INVALID)$/,
      );
    }
    // A founder's token is a founder's request: a bare VAPI message is not its body shape.
    const founder = await send(report, { authorization: `Bearer ${await s.tokenFor('bakery')}` });
    expect(founder.status).toBe(422);
    expect(((await founder.json()) as { error: { message: string } }).error.message).toMatch(/call/);
    expect(await stored(3)).toHaveLength(0);
  });

  it('answers other server messages 200 ignored, and refuses a message without a type (422)', async () => {
    const status = JSON.stringify({ message: { type: 'status-update', status: 'in-progress' } });
    const res = await send(status, { 'x-vapi-secret': SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ignored: true, type: 'status-update' });
    const bad = await send(JSON.stringify({ message: {} }), { 'x-vapi-secret': SECRET });
    expect(bad.status).toBe(422);
  });

  it('refuses bad founder bodies (4xx naming the field) and stores nothing', async () => {
    const token = await s.tokenFor('bakery');
    const before = await count();
    const cases: [unknown, RegExp][] = [
      [{ transcript: call4Text }, /call/],
      [{ call: 5, transcript: call4Text }, /call/],
      [{ call: 2.5, transcript: call4Text }, /call/],
      [{ call: 4, transcript: '' }, /transcript/],
      [{ call: 4 }, /transcript/],
      [{ call: 4, transcript: [{ who: 'AI', words: 'hello' }] }, /speaker|text/],
      [{ call: 4, transcript: 'just some words with no speakers at all' }, /transcript/i],
      [{ call: 4, transcript: { message: { type: 'end-of-call-report' } } }, /artifact|VAPI/],
      [{ call: 4, transcript: call4Text, extra: true }, /extra/],
    ];
    for (const [body, named] of cases) {
      const res = await send(JSON.stringify(body), { authorization: `Bearer ${token}` });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const error = ((await res.json()) as { error: { code: string; message: string; hint: string } }).error;
      expect(`${error.message}`, JSON.stringify(body).slice(0, 80)).toMatch(named);
      expect(error.hint).toBeTruthy();
    }
    const notJson = await send('{"call": 4, ', { authorization: `Bearer ${token}` });
    expect(notJson.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("refuses another founder's user_id (403) and a service call naming no founder (422), storing nothing", async () => {
    const before = await count();
    const other = s.founders.find((f) => f.slug !== 'bakery')!;
    const res = await send(JSON.stringify({ user_id: other.id, call: 4, transcript: call4Text }), {
      authorization: `Bearer ${await s.tokenFor('bakery')}`,
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const service = await send(JSON.stringify({ call: 4, transcript: call4Text }), {
      authorization: `Bearer ${SERVICE_KEY}`,
    });
    expect(service.status).toBe(422);
    expect(await count()).toBe(before);
  });
});

describe('POST /api/transcript-processor: stored, queued, processed by the worker', {
  timeout: 180_000,
}, () => {
  beforeAll(async () => {
    // Polling every 30 s and sweeping every minute: only the route's NOTIFY can make the worker quick.
    worker = await startWorker({
      db: s.db,
      settings: testJobSettings({ pollSeconds: 30, superviseSeconds: 60 }),
      concurrency: 1,
      untilIdle: false,
      makeRunner: () => inlineRunner(s.db),
      config: loadConfig(),
      log: (line) => lines.push(line),
    });
  }, 60_000);

  it('a signed VAPI report: 202 at once, then the worker extracts it into Dream DNA', async () => {
    const started = Date.now();
    const res = await send(report, { 'x-vapi-signature': vapiSignature(report, SECRET) });
    const answeredMs = Date.now() - started;
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ user_id: bakeryId, call: 3, outcome: 'added', queued: true });
    expect(answeredMs).toBeLessThan(5000);
    expect(await processedWithin(3, 20_000)).toBeLessThan(20_000);
    expect(lines.find((l) => l.includes(`call 3 of ${bakeryId}`))).toMatch(
      /^✓ call 3 .* processed in \d+ ms/,
    );
    const history = await s.db.query<{ n: number }>(
      `select count(*)::int as n from public.dream_dna_truth_history where user_id = $1 and changed_by = 'call_3'`,
      [bakeryId],
    );
    expect(history[0]!.n).toBeGreaterThan(0);
    // Sent again: unchanged, nothing queued.
    const again = await send(report, { 'x-vapi-secret': SECRET });
    expect(await again.json()).toMatchObject({ outcome: 'unchanged', queued: false });
  });

  it("a founder's text transcript and a service call's segments: 202, then processed", async () => {
    const token = await s.tokenFor('bakery');
    let started = Date.now();
    const mine = await send(JSON.stringify({ call: 4, transcript: call4Text }), {
      authorization: `Bearer ${token}`,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(mine.status).toBe(202);
    expect(await mine.json()).toMatchObject({ user_id: bakeryId, call: 4, outcome: 'added', queued: true });
    await processedWithin(4, 20_000);
    started = Date.now();
    const service = await send(JSON.stringify({ user_id: bakeryId, call: 2, transcript: call2Segments }), {
      authorization: `Bearer ${SERVICE_KEY}`,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(service.status).toBe(202);
    expect(await service.json()).toMatchObject({ call: 2, outcome: 'added', queued: true });
    await processedWithin(2, 20_000);
    expect(s.log.some((l) => l.startsWith('service call: POST /api/transcript-processor'))).toBe(true);
    expect(lines.filter((l) => /^✓ call [24] of /.test(l))).toHaveLength(2);
  });
});
