import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed worker` (run: ../worker.ts): automatic builds until stopped, or `--until-idle`. */
export function configure(worker: Command): void {
  worker
    .option('--concurrency <n>', 'builds at a time in this worker', '1')
    .option('--until-idle', 'drain the queue (debounce windows included), then exit')
    .option(
      '--debounce <ms>',
      'edits to one site within this window become one build; stored as the queue’s (default 3000, DREAMSEED_BUILD_DEBOUNCE_MS)',
    )
    .option(
      '--runner <where>',
      'process: each build slot builds in a child process, recycled (the default); inline: in the worker process',
    )
    .addOption(jsonOption('a summary when it stops'))
    .action(lazy(() => import('../worker.ts'), 'worker', { longRunning: true }));
}
