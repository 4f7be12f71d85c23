import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { lockForMaintenance } from '../db/embedded.ts';
import { applySeed, type MigrateResult, migrate, migrationStatus } from '../db/migrations.ts';
import { openDatabase } from '../db/open.ts';
import { featureMissingMessage, OPTIONAL_EXTENSIONS } from '../db/optional-extensions.ts';
import { describeTarget, resolveDatabaseTarget } from '../db/target.ts';
import { wipePostgres } from '../db/wipe.ts';
import { errors } from '../errors.ts';
import { info, paint, printJson, printTable, stage, warn } from './output.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: migrations, seed, status');

  db.command('reset')
    .description('start over: a fresh database with every migration and the demo seed')
    .option('--no-seed', 'skip the demo seed')
    .option('--force', 'allow resetting a PostgreSQL server that is not on this machine')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { seed: boolean; force?: boolean; json?: boolean }) => {
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
      const database = await openDatabase(target);
      try {
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
        const result = await stage('migrate', () => migrate(database), timings);
        if (opts.seed) await stage('seed', () => applySeed(database), timings);
        reportExtensions(result, database.description);
        if (opts.json)
          printJson({
            database: describeTarget(target),
            applied: result.applied,
            without: result.without,
            seeded: opts.seed,
            timings_ms: timings,
          });
        else
          info(
            `${paint('green', 'Ready:')} ${result.applied.length} migrations applied${opts.seed ? ', demo founders seeded' : ''}. Next: dreamseed demo list`,
          );
      } finally {
        await database.close();
      }
    });

  db.command('migrate')
    .description('apply pending migrations, in order, each in its own transaction')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const database = await openDatabase();
      try {
        const result = await migrate(database, {
          onApply: (file, ms) =>
            info(`${paint('green', '✓')} ${file} ${paint('dim', `${Math.round(ms)} ms`)}`),
        });
        reportExtensions(result, database.description);
        if (opts.json) printJson(result);
        else
          info(
            result.applied.length || result.restored.length
              ? `Applied ${result.applied.length} migration(s).`
              : 'Database is up to date.',
          );
      } finally {
        await database.close();
      }
    });

  db.command('status')
    .description('applied and pending migrations')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const database = await openDatabase();
      try {
        const status = await migrationStatus(database);
        if (opts.json) printJson({ database: database.description, migrations: status });
        else {
          info(database.description);
          printTable(status as unknown as Record<string, unknown>[], [
            'version',
            'name',
            'state',
            'appliedAt',
            'without',
          ]);
        }
      } finally {
        await database.close();
      }
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
