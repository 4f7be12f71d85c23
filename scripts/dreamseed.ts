#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerDbCommands } from '../generator/cli/db.ts';
import { registerDemoCommands } from '../generator/cli/demo.ts';
import { registerDnaCommands } from '../generator/cli/dna.ts';
import { registerFilesCommands } from '../generator/cli/files.ts';
import { registerFoundersCommands } from '../generator/cli/founders.ts';
import { registerGenerateCommand } from '../generator/cli/generate.ts';
import { registerPreviewCommand } from '../generator/cli/preview.ts';
import { registerPublishCommands } from '../generator/cli/publish.ts';
import { runCli } from '../generator/cli/run.ts';
import { registerScoreCommand } from '../generator/cli/score.ts';
import { registerSectionsCommands } from '../generator/cli/sections.ts';
import { registerTemplateCommands } from '../generator/cli/templates.ts';
import { registerTranscriptsCommands } from '../generator/cli/transcripts.ts';

const program = new Command('dreamseed')
  .description('DreamSeed Sites: generate, preview and publish websites from founders’ Dream DNA.')
  .version(process.env.npm_package_version ?? '0.1.0');

registerDbCommands(program);
registerDemoCommands(program);
registerDnaCommands(program);
registerFilesCommands(program);
registerFoundersCommands(program);
registerGenerateCommand(program);
registerPreviewCommand(program);
registerScoreCommand(program);
registerSectionsCommands(program);
registerPublishCommands(program);
registerTemplateCommands(program);
registerTranscriptsCommands(program);

await runCli(program, process.argv, CommanderError);
