import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../db.ts');

/** `dreamseed db reset | migrate | status` (run: ../db.ts). */
export function configure(db: Command): void {
  lazyCommand(db, run, 'reset', 'start over: a fresh database with every migration and the demo seed')
    .option('--no-seed', 'skip the demo seed')
    .option('--force', 'allow resetting a PostgreSQL server that is not on this machine')
    .addOption(jsonOption());
  lazyCommand(
    db,
    run,
    'migrate',
    'apply pending migrations, in order, each in its own transaction',
  ).addOption(jsonOption());
  lazyCommand(db, run, 'status', 'applied and pending migrations').addOption(jsonOption());
}
