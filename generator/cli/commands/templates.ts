import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy, lazyCommand } from '../lazy.ts';

const run = () => import('../templates.ts');
const runLint = () => import('../templates-lint.ts');
const runNew = () => import('../templates-new.ts');
const rootHelp =
  "a catalogue other than the repository's: a folder holding sections/, templates/ and themes/";

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `dreamseed templates list | sync | diff | dev | grid` (run: ../templates.ts), `lint`
 * (../templates-lint.ts) and `new` (../templates-new.ts).
 */
export function configure(templates: Command): void {
  lazyCommand(
    templates,
    run,
    'list',
    'templates with their pages, theme, the businesses they suit and their sites’ score medians',
  ).addOption(jsonOption());
  lazyCommand(
    templates,
    run,
    'sync',
    'record the templates in website_templates; a new version requests preview rebuilds (never publishes)',
  ).addOption(jsonOption());
  lazyCommand(
    templates,
    run,
    'diff',
    'the sites built with another version of the template (a sync rebuilds them)',
  )
    .argument('<id>', 'the template id')
    .addOption(jsonOption('the sites'));
  lazyCommand(
    templates,
    run,
    'dev',
    'live-develop a template: a local page that re-renders it on every file change',
    { longRunning: true },
  )
    .argument('<id>', 'the template id')
    .option('--founder <slug>', 'the demo founder to render for (switchable in the page)')
    .option('--palette <n>', 'palette option N (0–2, switchable in the page)')
    .option('--port <n>', 'the port on 127.0.0.1 (default 4400; 0: any free port)')
    .option('--out <dir>', 'where the render goes (default .dreamseed/dev/<id>/)');
  lazyCommand(
    templates,
    run,
    'grid',
    'a contact sheet: screenshots of each template × demo founder at phone and desktop width, with lint and bytes',
  )
    .argument('[ids...]', 'the templates (default: all)')
    .option('--founders <slugs>', 'comma-separated demo founders (default: all)')
    .option('--out <dir>', 'where index.html and the screenshots go (default .dreamseed/grid/)')
    .option('--against <rev>', 'also build this git revision and flag the cells whose pixels changed')
    .addOption(jsonOption('the cells'));
  templates
    .command('lint')
    .description(
      'check templates and their sections: rules, renders for every demo founder and edge-case DNA, page rules, contrast, budgets',
    )
    .argument('[ids...]', 'template ids (default: every template, and every section)')
    .option('--founder <slug>', 'render only for this demo founder (repeatable; default: all)', collect)
    .option('--no-edges', 'skip the edge-case DNA (name only, sparse, long name, non-English, emoji)')
    .option('--no-build', 'write and brand only, without Astro builds (no page rules on built pages)')
    .option('--lighthouse', "also run the score checks with Lighthouse on each template's first build")
    .option('--root <dir>', rootHelp)
    .addOption(jsonOption('the findings and renders'))
    .action(lazy(runLint, 'lint'));
  templates
    .command('new')
    .description('scaffold a template that is valid and renders now (prints the files and the next command)')
    .argument('<id>', 'the new template id (kebab-case)')
    .option('--from <id>', 'copy this existing template instead')
    .option('--root <dir>', rootHelp)
    .addOption(jsonOption('the files written'))
    .action(lazy(runNew, 'newTemplate'));
}
