import { type ConstructorOptions, PgBoss } from 'pg-boss';
import type { Database, Queryable } from '../db/database.ts';
import { embeddedPartsOf } from '../db/embedded.ts';
import { errors } from '../errors.ts';
import { bossDatabase } from './boss-session.ts';
import type { JobSettings } from './settings.ts';

/**
 * The build queue: pg-boss 12.38.0 (pinned: the change-capture trigger inserts
 * jobs into its table the way its send() does) on the project's database.
 * One `stately` queue, `site-build`, keyed by founder: at most one waiting,
 * one retrying and one running job per site, enforced by a unique index, so a
 * site is never built twice at once by any number of workers, and edits that
 * arrive while a job waits are absorbed by it (the debounce).
 *
 * Connection: on PostgreSQL pg-boss keeps its own small pool to the same URL
 * (and a LISTEN connection); on the embedded database it shares the process's
 * PGlite session (boss-session.ts).
 */
export const BUILD_QUEUE = 'site-build';

export interface BossOptions {
  /** Run pg-boss's supervisor (expired leases, retention) in this process: workers do, one-off commands do not. */
  supervise: boolean;
  settings: JobSettings;
  /** A PostgreSQL URL when the database is a server. */
  url?: string | undefined;
  onError?: (error: Error) => void;
}

export async function openBoss(db: Database, options: BossOptions): Promise<PgBoss> {
  const common: ConstructorOptions = {
    schedule: false,
    supervise: options.supervise,
    superviseIntervalSeconds: options.settings.superviseSeconds,
    monitorIntervalSeconds: options.settings.superviseSeconds,
    maintenanceIntervalSeconds: Math.max(options.settings.superviseSeconds, 60),
    registerInstance: false,
    openTelemetry: { enabled: false },
    persistWarnings: false,
  };
  let boss: PgBoss;
  if (db.kind === 'postgres') {
    if (!options.url) throw new Error('openBoss: a PostgreSQL database needs its URL');
    boss = new PgBoss({
      ...common,
      connectionString: options.url,
      max: 3,
      application_name: 'dreamseed-jobs',
    });
  } else {
    // This process's PGlite (which also hears NOTIFY), or a client session of the process sharing it.
    const parts = embeddedPartsOf(db);
    if (!parts) throw new Error('openBoss: not an embedded database');
    boss = new PgBoss({ ...common, backend: 'pglite', db: bossDatabase(parts.pglite ?? parts.session) });
  }
  boss.on('error', (error: Error) => options.onError?.(error));
  try {
    await boss.start();
  } catch (error) {
    throw errors.queueUnavailable(db.description, error);
  }
  return boss;
}

/** Creates the build queue, or brings its options in line with the settings (jobs copy them when inserted). */
export function ensureBuildQueue(boss: PgBoss, db: Queryable, settings: JobSettings): Promise<void> {
  return ensureQueue(boss, db, BUILD_QUEUE, settings, { leaseSeconds: settings.leaseSeconds });
}

/**
 * Creates a `stately` queue with the settings' retries (backoff, cap), expiry and
 * retention, or brings an existing one in line with them; with `leaseSeconds`,
 * running jobs must renew a heartbeat that often or are taken over.
 */
export async function ensureQueue(
  boss: PgBoss,
  db: Queryable,
  name: string,
  settings: JobSettings,
  extra: { leaseSeconds?: number } = {},
): Promise<void> {
  const options = {
    retryLimit: settings.attempts - 1,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: settings.timeoutSeconds,
    deleteAfterSeconds: settings.keepDays * 86_400,
    retentionSeconds: 14 * 86_400,
  };
  const heartbeat = extra.leaseSeconds ?? null;
  if (!(await boss.getQueue(name))) {
    await boss
      .createQueue(name, {
        ...options,
        policy: 'stately',
        retryDelayMax: settings.retryDelayMaxSeconds,
        ...(heartbeat === null ? {} : { heartbeatSeconds: heartbeat }),
      })
      .catch(async (error: unknown) => {
        // Two workers starting together: the other one created it.
        if (!(await boss.getQueue(name))) throw error;
      });
  }
  await boss.updateQueue(name, options);
  // The two options updateQueue() does not take (pg-boss 12.38.0), set where it keeps them.
  await db.query(
    'update pgboss.queue set retry_delay_max = $2, heartbeat_seconds = coalesce($3::int, heartbeat_seconds) where name = $1',
    [name, settings.retryDelayMaxSeconds, heartbeat],
  );
}

/** Whether a worker ever installed pg-boss here (before that, changes are only recorded). */
export async function queueInstalled(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>(`select to_regclass('pgboss.job') is not null as ok`);
  return Boolean(row?.ok);
}

/** The debounce window every trigger and worker uses (stored in the database: build_queue.settings). */
export async function setDebounce(db: Queryable, ms: number): Promise<void> {
  await db.query('update build_queue.settings set debounce_ms = $1', [ms]);
}

export async function getDebounce(db: Queryable): Promise<number> {
  const [row] = await db.query<{ debounce_ms: number }>('select debounce_ms from build_queue.settings');
  return row?.debounce_ms ?? 3000;
}
