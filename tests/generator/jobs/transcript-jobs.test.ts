import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import type { BuildJobOutput } from '../../../generator/jobs/build-job.ts';
import { retryDeadJob } from '../../../generator/jobs/jobs-list.ts';
import { openBoss, queueInstalled } from '../../../generator/jobs/queue.ts';
import { inlineRunner } from '../../../generator/jobs/runner.ts';
import {
  listTranscriptJobs,
  TRANSCRIPT_QUEUE,
  transcriptQueueState,
} from '../../../generator/jobs/transcript-jobs.ts';
import { startWorker } from '../../../generator/jobs/worker.ts';
import { addTranscript } from '../../../generator/transcripts/process-transcript.ts';
import {
  loadTranscriptConfig,
  type TranscriptConfig,
} from '../../../generator/transcripts/transcript-config.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { testJobSettings } from '../../helpers/job-settings.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The transcript queue on the embedded database with real builds in the worker: a call stored
 * while no worker ran is processed when one starts, into DNA facts (history named call_N), and
 * the site is then built from them; a processing failure is retried with backoff, then dead with
 * its error (not sent again for the same content) until `jobs retry`.
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-transcript-jobs-');
const fixtures = join(import.meta.dirname, '..', 'transcripts', 'fixtures', 'bakery');
let db: Database & { pglite: PGlite };
let userId: string;
const lines: string[] = [];

const offline: TranscriptConfig = loadTranscriptConfig({
  DREAMSEED_EXTRACTOR: 'offline',
  DREAMSEED_EMBEDDER: 'lexical',
});
/** Embeddings from an OpenAI endpoint nothing listens on: every attempt fails at the embedding step. */
const unreachable: TranscriptConfig = loadTranscriptConfig({
  DREAMSEED_EXTRACTOR: 'offline',
  DREAMSEED_EMBEDDER: 'openai',
  OPENAI_API_KEY: 'sk-test-unreachable',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  DREAMSEED_OPENAI_MAX_RETRIES: '0',
});

function worker(transcriptConfig: TranscriptConfig, attempts = 3) {
  return startWorker({
    db,
    settings: testJobSettings({ attempts }),
    concurrency: 1,
    untilIdle: true,
    makeRunner: () => inlineRunner(db),
    config: loadConfig(),
    transcriptConfig,
    log: (line) => lines.push(line),
  });
}

const row = async (call: number) =>
  (
    await db.query<{ pending: boolean }>(
      `select metadata->>'content_hash' is distinct from metadata->>'processed_hash' as pending
         from public.transcripts_raw where user_id = $1 and call_number = $2`,
      [userId, call],
    )
  )[0];

async function store(call: number, file: string): Promise<void> {
  await db.query('delete from public.transcripts_raw where user_id = $1 and call_number = $2', [
    userId,
    call,
  ]);
  const { stored } = await addTranscript(db, {
    user: 'bakery',
    call,
    source: readFileSync(join(fixtures, file), 'utf8'),
    label: file,
  });
  expect(stored.outcome).toBe('added');
}

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  const [bakery] = await db.query<{ id: string }>(`select id from public.users where slug = 'bakery'`);
  userId = bakery!.id;
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('the transcript queue (embedded database, builds in the worker)', { timeout: 240_000 }, () => {
  it('a call stored while no worker runs is processed when one starts, then the site is built from its facts', async () => {
    await store(3, 'call-3.vapi.json');
    expect(await queueInstalled(db)).toBe(false);
    expect((await row(3))!.pending).toBe(true);
    const summary = await (await worker(offline)).done;
    expect(summary).toMatchObject({ transcripts: 1, transcript_failures: 0, failures: 0 });
    expect(summary.builds).toBeGreaterThanOrEqual(1);
    const after = (await row(3))!;
    expect(after.pending).toBe(false);
    expect(lines).toContain('queued 1 stored call not yet processed');
    const done = lines.find((l) => l.startsWith(`✓ call 3 of ${userId} processed`));
    expect(done).toBeDefined();
    // The facts went through the DNA write path: history named by the call.
    const [history] = await db.query<{ n: number }>(
      `select count(*)::int as n from public.dream_dna_truth_history where user_id = $1 and changed_by = 'call_3'`,
      [userId],
    );
    expect(history!.n).toBeGreaterThan(0);
    // …whose triggers requested the build the worker then ran, for the fields the call wrote.
    const [transcriptJob] = await db.query<{ output: { fields: string[] } }>(
      `select output from pgboss.job where name = $1 and state = 'completed'`,
      [TRANSCRIPT_QUEUE],
    );
    expect(transcriptJob!.output.fields.length).toBeGreaterThan(0);
    const builds = await db.query<{ output: BuildJobOutput }>(
      `select output from pgboss.job where name = 'site-build' and state = 'completed' and singleton_key = $1`,
      [userId],
    );
    const built = builds.flatMap((b) => b.output.changes.field ?? []);
    expect(built).toEqual(expect.arrayContaining(transcriptJob!.output.fields.slice(0, 1)));
    expect(existsSync(join(home, 'sites', 'bakery', 'index.html'))).toBe(true);
    expect(await transcriptQueueState(db)).toEqual({ open: 0, waiting: 0 });
  });

  it('a processing failure is retried, then dead with its error; it is not sent again until `jobs retry`', async () => {
    await store(4, 'call-4.txt');
    lines.length = 0;
    const summary = await (await worker(unreachable, 2)).done;
    expect(summary).toMatchObject({ transcripts: 0, transcript_failures: 2 });
    expect(lines.filter((l) => l.startsWith(`✗ call 4 of ${userId}`))).toEqual([
      expect.stringMatching(/attempt 1 of 2 failed: .*\(will retry\)$/),
      expect.stringMatching(/attempt 2 of 2 failed: .*\(dead: no attempts left\)$/),
    ]);
    const [dead] = await db.query<{ id: string; retry_count: number; output: { message?: string } }>(
      `select id::text as id, retry_count, output from pgboss.job where name = $1 and state = 'failed'`,
      [TRANSCRIPT_QUEUE],
    );
    expect(dead!.retry_count).toBe(1);
    expect(dead!.output.message).toBeTruthy();
    // Still pending (nothing was written), but not waiting: its job for this content is dead.
    expect((await row(4))!.pending).toBe(true);
    expect(await transcriptQueueState(db)).toEqual({ open: 0, waiting: 0 });
    const listed = (await listTranscriptJobs(db, { userId })).find((j) => j.id === dead!.id);
    expect(listed).toMatchObject({ call: 4, state: 'dead', attempts: 2, max_attempts: 2 });
    expect(listed!.error).toBe(dead!.output.message);

    // Retried (`dreamseed jobs retry ID`), with a reachable configuration: processed.
    const boss = await openBoss(db, { supervise: false, settings: testJobSettings() });
    try {
      expect(await retryDeadJob(boss, db, dead!.id.slice(0, 8))).toBe(dead!.id);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    const again = await (await worker(offline)).done;
    expect(again.transcripts).toBe(1);
    expect((await row(4))!.pending).toBe(false);
  });
});
