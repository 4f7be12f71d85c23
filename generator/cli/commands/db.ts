import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

const run = () => import('../db.ts');

/** `dreamseed db reset | migrate | status` (run: ../db.ts). */
export function configure(db: Command): void {
  db.command('reset')
    .description('start over: a fresh database with every migration and the demo seed')
    .option('--no-seed', 'skip the demo seed')
    .option('--force', 'allow resetting a PostgreSQL server that is not on this machine')
    .addOption(jsonOption())
    .action(lazy(run, 'reset'));

  db.command('migrate')
    .description('apply pending migrations, in order, each in its own transaction')
    .addOption(jsonOption())
    .action(lazy(run, 'migrate'));

  db.command('status')
    .description('applied and pending migrations')
    .addOption(jsonOption())
    .action(lazy(run, 'status'));
}
