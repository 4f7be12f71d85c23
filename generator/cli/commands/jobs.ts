import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy, lazyCommand } from '../lazy.ts';

/** `dreamseed jobs [list] | retry ID` (run: ../jobs.ts): recent automatic builds, and retrying a dead one. */
export function configure(jobs: Command): void {
  const run = () => import('../jobs.ts');
  jobs
    .command('list', { isDefault: true })
    .description('recent build jobs: state, attempts, what changed, durations and errors')
    .option('--user <id>', 'only this founder’s (user id or slug)')
    .option('--limit <n>', 'how many jobs', '30')
    .addOption(jsonOption('the jobs'))
    .action(lazy(run, 'list'));
  lazyCommand(jobs, run, 'retry', 'try a dead build job again (one more attempt)')
    .argument('<id>', 'the job id, or its first 8 characters or more')
    .addOption(jsonOption());
}
