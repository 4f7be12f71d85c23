import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed serve` (run: ../serve.ts): the HTTP API, the studio and previews, until SIGTERM / SIGINT. */
export function configure(serve: Command): void {
  serve
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--no-worker', 'do not run the automatic-builds worker in this process')
    .addOption(jsonOption('the URL and settings (one line), then a summary when it stops'))
    .action(lazy(() => import('../serve.ts'), 'serve', { longRunning: true }));
}
