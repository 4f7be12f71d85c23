#!/usr/bin/env node
// The `dreamseed` command. The program declares only the command the command line names
// (generator/cli/program.ts), and each command loads its implementation when it runs.
import { CommanderError } from 'commander';
import { createProgram } from '../generator/cli/program.ts';
import { runCli } from '../generator/cli/run.ts';

await runCli(await createProgram(process.argv), process.argv, CommanderError);
