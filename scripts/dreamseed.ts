#!/usr/bin/env -S node --liftoff-only
// The `dreamseed` command. The program declares only the command the command line names
// (generator/cli/program.ts), and each command loads its implementation when it runs.
// `--liftoff-only` (here and in the ./dreamseed shim): V8 compiles PGlite's 9 MB of WebAssembly with its
// baseline compiler only. The optimising tier would recompile the hot functions in the background, which
// a process that ends within seconds pays for in CPU and memory (on the bench machine a fifth of a cold
// generate's CPU time and a quarter of its peak memory) and barely uses. V8 takes it only at start-up.
import { CommanderError } from 'commander';
import { createProgram } from '../generator/cli/program.ts';
import { runCli } from '../generator/cli/run.ts';

await runCli(await createProgram(process.argv), process.argv, CommanderError);
