import { rmSync } from 'node:fs';
import { lockForMaintenance } from '../db/embedded.ts';
import {
  migrate as applyMigrations,
  applySeed,
  type MigrateResult,
  migrationStatus,
} from '../db/migrations.ts';
import { featureMissingMessage, OPTIONAL_EXTENSIONS } from '../db/optional-extensions.ts';
import { describeTarget, resolveDatabaseTarget } from '../db/target.ts';
import { wipePostgres } from '../db/wipe.ts';
import { errors } from '../errors.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printTable, stage, warn } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed db …` (declared in commands/db.ts). */
export async function reset(opts: JsonFlag & { seed: boolean; force?: boolean }): Promise<void> {
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  const timings: Record<string, number> = {};
  info(`Resetting ${describeTarget(target)}`);
  if (target.kind === 'pglite') {
    await stage(
      'wipe',
      async () => {
        const lock = await lockForMaintenance(target.dataDir);
        try {
          rmSync(target.dataDir, { recursive: true, force: true });
        } finally {
          lock.release();
        }
      },
      timings,
    );
  }
  await withDb(async (database) => {
    if (target.kind === 'postgres') {
      const host = new URL(target.url).hostname;
      if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host) && !opts.force) {
        throw errors.usage(
          `Refusing to reset the PostgreSQL server at ${host}: it is not on this machine.`,
          'Pass --force if you really mean to drop every table in it.',
        );
      }
      await stage('wipe', () => wipePostgres(database), timings);
    }
    const result = await stage('migrate', () => applyMigrations(database), timings);
    if (opts.seed) await stage('seed', () => applySeed(database), timings);
    reportExtensions(result, database.description);
    printResult(
      opts,
      {
        database: describeTarget(target),
        applied: result.applied,
        without: result.without,
        seeded: opts.seed,
        timings_ms: timings,
      },
      () =>
        info(
          `${paint('green', 'Ready:')} ${result.applied.length} migrations applied${opts.seed ? ', demo founders seeded' : ''}. Next: dreamseed demo list`,
        ),
    );
  }, target);
}

export async function migrate(opts: JsonFlag): Promise<void> {
  const { result, description } = await withDb(async (database) => ({
    description: database.description,
    result: await applyMigrations(database, {
      onApply: (file, ms) => info(`${paint('green', '✓')} ${file} ${paint('dim', `${Math.round(ms)} ms`)}`),
    }),
  }));
  reportExtensions(result, description);
  printResult(opts, result, () =>
    info(
      result.applied.length || result.restored.length
        ? `Applied ${result.applied.length} migration(s).`
        : 'Database is up to date.',
    ),
  );
}

export async function status(opts: JsonFlag): Promise<void> {
  const { description, migrations } = await withDb(async (database) => ({
    description: database.description,
    migrations: await migrationStatus(database),
  }));
  printResult(opts, { database: description, migrations }, () => {
    info(description);
    printTable(migrations as unknown as Record<string, unknown>[], [
      'version',
      'name',
      'state',
      'appliedAt',
      'without',
    ]);
  });
}

/** Says which optional extensions the server lacks (and what that disables), and which were just added. */
function reportExtensions(result: MigrateResult, where: string): void {
  for (const name of result.without) {
    const ext = OPTIONAL_EXTENSIONS.find((e) => e.extension === name);
    if (ext) warn(featureMissingMessage(where, ext));
  }
  for (const name of result.restored)
    info(`${paint('green', '✓')} ${name} is available now: what was left out without it has been added.`);
}
