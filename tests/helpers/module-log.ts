// Loaded with `node --import` by tests/generator/cli/lazy-loading.test.ts: records the URL of every
// module the process loads (ESM and CommonJS, through module.registerHooks) and writes them,
// one a line, to the file DREAMSEED_MODULE_LOG names when the process exits.
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
  writeFileSync(process.env.DREAMSEED_MODULE_LOG!, `${loaded.join('\n')}\n`);
});
