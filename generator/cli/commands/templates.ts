import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../templates.ts');

/** `dreamseed templates list | sync | diff | dev | grid` (run: ../templates.ts). */
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
}
