import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { embeddedPartsOf } from '../db/embedded.ts';
import { openDatabase } from '../db/open.ts';
import { assertMigrated } from '../db/schema-check.ts';
import { resolveDatabaseTarget } from '../db/target.ts';
import { errors } from '../errors.ts';
import type { RunningWorker } from '../jobs/worker.ts';
import type { StudioDeps } from '../server/app.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint } from './output.ts';

/**
 * `dreamseed serve`: the HTTP API (generator/server), the studio when it is installed
 * (generator/studio/app.ts) and previews of built sites, on 127.0.0.1 by default. The URL is the
 * first line on stdout (a JSON line with --json). The embedded database is opened shared
 * (`serve: true`), so every other command keeps working meanwhile; the automatic-builds worker
 * runs inside unless --no-worker. SIGTERM / SIGINT: stop accepting, let the running build finish
 * (or hand its job back), close the database, exit 0.
 */
interface ServeFlags extends JsonFlag {
  port: string;
  host: string;
  worker: boolean;
}

const flagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.union([z.literal('localhost'), z.ipv4(), z.ipv6()]),
});

export async function serve(flags: ServeFlags): Promise<void> {
  const parsed = flagsSchema.safeParse({ port: flags.port, host: flags.host });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'port');
    throw errors.usage(
      field === 'host'
        ? `--host ${flags.host} is not an IP address (or localhost).`
        : `--port ${flags.port} is not a port number.`,
      field === 'host' ? 'Example: --host 127.0.0.1 (or 0.0.0.0 for every interface).' : 'Use 0–65535.',
    );
  }
  const { port, host } = parsed.data;
  const config = loadConfig();
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  const db = await openDatabase(target, { serve: true });
  let worker: RunningWorker | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  try {
    // Before anything runs on it: a database without the schema fails every job and request alike.
    await assertMigrated(db);
    const [{ createApp }, { startServer }] = await Promise.all([
      import('../server/app.ts'),
      import('../server/start-server.ts'),
    ]);
    const studio = await loadStudio();
    const app = createApp({ db, config, ...(studio ? { studio } : {}), log: (line) => info(line) });
    if (flags.worker) worker = await startBuildWorker(db, target, config);
    const server = await startServer(app, { port, host });
    stopServer = server.close;
    const shown = {
      url: server.url,
      database: db.description,
      worker: Boolean(worker),
      studio: Boolean(studio),
    };
    process.stdout.write(flags.json ? `${JSON.stringify(shown)}\n` : `${server.url}\n`);
    info(
      `${paint('green', 'Serving')} the API${studio ? ', the studio' : ''} and previews at ${paint('bold', server.url)} on ${db.description}${worker ? ', with the automatic-builds worker' : ''} — stop with Ctrl-C or SIGTERM`,
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    info(`serve: ${signal}: stopping`);
    await server.close();
    stopServer = undefined;
    let summary = null;
    if (worker) {
      await worker.stop();
      summary = await worker.done;
    }
    worker = undefined;
    if (flags.json) printResult(flags, { stopped: signal, worker: summary }, () => {});
  } finally {
    await stopServer?.();
    if (worker) {
      await worker.stop();
      await worker.done;
    }
    await db.close();
  }
}

/** The studio (generator/studio/app.ts exports `createStudio(deps)`), when this checkout has it. */
async function loadStudio(): Promise<((deps: StudioDeps) => Hono) | undefined> {
  const file = fileURLToPath(new URL('../studio/app.ts', import.meta.url));
  if (!existsSync(file)) return undefined;
  const specifier: string = '../studio/app.ts';
  const mod = (await import(specifier)) as { createStudio?: (deps: StudioDeps) => Hono };
  return mod.createStudio;
}

/** The automatic-builds worker, as `dreamseed worker` starts it (one slot; builds in a child process). */
async function startBuildWorker(
  db: Awaited<ReturnType<typeof openDatabase>>,
  target: ReturnType<typeof resolveDatabaseTarget>,
  config: ReturnType<typeof loadConfig>,
): Promise<RunningWorker> {
  const [{ processRunner }, { inlineRunner }, { loadJobSettings }, { startWorker }] = await Promise.all([
    import('../jobs/process-runner.ts'),
    import('../jobs/runner.ts'),
    import('../jobs/settings.ts'),
    import('../jobs/worker.ts'),
  ]);
  const settings = loadJobSettings();
  const canFork = db.kind === 'postgres' || embeddedPartsOf(db)?.sharing !== undefined;
  const kind = settings.runner ?? (canFork ? 'process' : 'inline');
  if (kind === 'process' && !canFork)
    throw errors.usage(
      'Builds in child processes need a database they can reach: this server is itself a client of the process that shares the embedded database.',
      'Stop the other process first, or run with --no-worker (or DREAMSEED_BUILD_RUNNER=inline).',
    );
  return startWorker({
    db,
    url: target.kind === 'postgres' ? target.url : undefined,
    settings,
    concurrency: 1,
    untilIdle: false,
    makeRunner: () =>
      kind === 'process'
        ? processRunner({ recycleBuilds: settings.recycleBuilds, recycleRssMb: settings.recycleRssMb })
        : inlineRunner(db),
    config,
    log: (line) => info(line),
  });
}
