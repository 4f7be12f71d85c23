// Loaded with `node --import` by tests/generator/cli/lazy-loading.test.ts: records the URL of every
// module the process loads (ESM and CommonJS, through module.registerHooks) and writes them,
// one a line, to the file DREAMSEED_MODULE_LOG names when the process exits. A process it forks (with
// an IPC channel, which inherits the hook) writes to `<that file>.child-<pid>` instead.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded: string[] = [];
registerHooks({
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
process.on('exit', () => {
  const log = process.env.DREAMSEED_MODULE_LOG!;
  writeFileSync(process.send ? `${log}.child-${process.pid}` : log, `${loaded.join('\n')}\n`);
});
