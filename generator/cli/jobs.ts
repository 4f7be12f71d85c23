import { asService } from '../db/roles.ts';
import { resolveDatabaseTarget } from '../db/target.ts';
import { findFounder } from '../dna/find-founder.ts';
import { errors } from '../errors.ts';
import { assertDead, findJob, listJobs, retryDeadJob } from '../jobs/jobs-list.ts';
import { openBoss } from '../jobs/queue.ts';
import { loadJobSettings } from '../jobs/settings.ts';
import { listTranscriptJobs } from '../jobs/transcript-jobs.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, printTable } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed jobs` (declared in commands/jobs.ts): recent automatic builds
 * (state, attempts, what changed, durations, errors) and `jobs retry ID` for a
 * dead one.
 */
export async function list(flags: JsonFlag & { user?: string; limit: string }): Promise<void> {
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw errors.usage(`--limit must be a whole number from 1 to 1000, not "${flags.limit}".`);
  // pg-boss's tables belong to the connection's own role (the one the worker uses), not the API roles.
  const { jobs, transcripts } = await withDb(async (db) => {
    const userId = flags.user ? (await asService(db, (tx) => findFounder(tx, flags.user!))).id : undefined;
    return {
      jobs: await listJobs(db, { userId, limit }),
      transcripts: await listTranscriptJobs(db, { userId, limit }),
    };
  });
  printResult(flags, { jobs, transcripts }, () => {
    if (transcripts.length) {
      info('Consultation calls (transcript-process):');
      printTable(
        transcripts.map((t) => ({
          id: t.id?.slice(0, 8) ?? null,
          founder: t.slug ?? t.user_id,
          call: t.call,
          state: t.state,
          attempts: t.max_attempts ? `${t.attempts}/${t.max_attempts}` : null,
          created: t.created_at,
          took_ms: t.duration_ms,
          result: t.error ?? (t.fields.length ? `fields: ${t.fields.join(' ')}` : null),
        })),
        ['id', 'founder', 'call', 'state', 'attempts', 'created', 'took_ms', 'result'],
      );
      if (jobs.length) info('Site builds (site-build):');
    }
    if (!jobs.length) {
      if (!transcripts.length)
        info('No build jobs yet: they start when a founder’s DNA, media or copy changes.');
      return;
    }
    printTable(
      jobs.map((j) => ({
        id: j.id?.slice(0, 8) ?? null,
        founder: j.slug ?? j.user_id,
        state: j.state,
        attempts: j.max_attempts ? `${j.attempts}/${j.max_attempts}` : null,
        changed: Object.entries(j.changes)
          .map(([k, v]) => `${k}: ${k === 'asset' || k === 'section' ? `${v.length}` : v.join(' ')}`)
          .join('; '),
        created: j.created_at,
        took_ms: j.duration_ms,
        result: j.error ?? j.published,
      })),
      ['id', 'founder', 'state', 'attempts', 'changed', 'created', 'took_ms', 'result'],
    );
  });
}

export async function retry(idOrPrefix: string, flags: JsonFlag): Promise<void> {
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  const id = await withDb(async (db) => {
    // Refused before pg-boss starts: a job that is not dead needs no retry.
    assertDead(await findJob(db, idOrPrefix));
    const boss = await openBoss(db, {
      supervise: false,
      settings: loadJobSettings(),
      url: target.kind === 'postgres' ? target.url : undefined,
    });
    try {
      return await retryDeadJob(boss, db, idOrPrefix);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  }, target);
  printResult(flags, { id, state: 'retrying' }, () =>
    info(`Job ${id} will be tried again by the next free worker (see \`dreamseed jobs\`).`),
  );
}
