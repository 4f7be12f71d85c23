#!/usr/bin/env -S node --liftoff-only --invocation-count-for-maglev=4000 --invocation-count-for-turbofan=30000
// The `dreamseed` command. The program declares only the command the command line names
// (generator/cli/program.ts), and each command loads its implementation when it runs.
// V8's flags (here and in the ./dreamseed shim, which tests/scripts/dreamseed-shim.test.ts keeps equal;
// V8 takes them only at start-up, and the page renderer `generate` forks inherits them):
// - `--liftoff-only`: V8 compiles PGlite's 9 MB of WebAssembly with its baseline compiler only. The
//   optimising tier would recompile the hot functions in the background, which a process that ends within
//   seconds pays for in CPU and memory (on the bench machine a fifth of a cold generate's CPU time and a
//   quarter of its peak memory) and barely uses.
// - `--invocation-count-for-*`: a function is optimised (by Maglev, then TurboFan) after ten times the
//   calls V8 waits for by default. A command runs for seconds, mostly code that runs a few times (module
//   bodies, schemas, one build); optimising it cost more than it saved: a cold generate took 7% less wall
//   time and 9% less CPU (medians of 14 alternating pairs on the 2-core bench machine). The hot code of
//   a long run (`serve`, `worker`, `templates dev`) is still optimised, a little later.
// The line stays under 128 bytes, where kernels before Linux 5.1 cut a shebang.
//
// A build (`generate --demo|--user|--dna …`) starts its page renderer before anything else loads
// (generator/site/astro/renderer-process.ts): Astro's load, the longest part of a cold build, begins ~40 ms
// sooner than if the command started it. Then the CLI loads.
import { startRendererEarly } from '../generator/site/astro/renderer-process.ts';

startRendererEarly(process.argv);
const [{ CommanderError }, { createProgram }, { runCli }] = await Promise.all([
  import('commander'),
  import('../generator/cli/program.ts'),
  import('../generator/cli/run.ts'),
]);
await runCli(await createProgram(process.argv), process.argv, CommanderError);
