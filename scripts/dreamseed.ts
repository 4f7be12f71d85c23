#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerDbCommands } from '../generator/cli/db.ts';
import { registerDemoCommands } from '../generator/cli/demo.ts';
import { registerGenerateCommand } from '../generator/cli/generate.ts';
import { registerPreviewCommand } from '../generator/cli/preview.ts';
import { runCli } from '../generator/cli/run.ts';
import { registerTemplateCommands } from '../generator/cli/templates.ts';

const program = new Command('dreamseed')
  .description('DreamSeed Sites: generate, preview and publish websites from founders’ Dream DNA.')
  .version(process.env.npm_package_version ?? '0.1.0');

registerDbCommands(program);
registerDemoCommands(program);
registerGenerateCommand(program);
registerPreviewCommand(program);
registerTemplateCommands(program);

await runCli(program, process.argv, CommanderError);
