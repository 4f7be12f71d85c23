#!/usr/bin/env node
import { loadCatalog } from '../catalog/registry.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { errorPayload } from '../errors.ts';
import { type BuildRequest, runBuild } from './run-build.ts';

/**
 * The build process (forked by process-runner.ts): builds one site per
 * `build` message and answers `done` or `failed`. It opens the database the
 * environment names (DREAMSEED_DB) once and keeps it; it warms up (the
 * catalogue, the pipeline's modules) before saying `ready`. When the worker
 * goes away (the IPC channel closes), it closes the database and exits; in the
 * middle of a build it exits at once: its worker is gone (stopped or killed),
 * the job's lease will lapse and another worker builds the site, and two
 * builds of one site must never run at the same time. A build never leaves the
 * preview half-written (it replaces the folder in one rename).
 */
type ToChild = { type: 'build'; id: number; request: BuildRequest };

if (!process.send) {
  process.stderr.write('build-runner.ts is started by the worker (generator/jobs/process-runner.ts).\n');
  process.exit(2);
}

let db: Database | null = null;
let queue: Promise<void> = Promise.resolve();
let busy = false;

process.on('message', (message: ToChild) => {
  if (message?.type !== 'build') return;
  queue = queue.then(async () => {
    busy = true;
    try {
      db ??= await openDatabase();
      const outcome = await runBuild(db, message.request);
      process.send?.({ type: 'done', id: message.id, outcome });
    } catch (error) {
      process.send?.({ type: 'failed', id: message.id, error: errorPayload(error) });
    } finally {
      busy = false;
    }
  });
});

process.on('disconnect', () => {
  if (busy) process.exit(1);
  void queue.finally(async () => {
    await db?.close().catch(() => undefined);
    process.exit(0);
  });
});

await loadCatalog();
process.send({ type: 'ready' });
