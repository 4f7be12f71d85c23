import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../templates.ts');

/** `dreamseed templates list | sync | diff` (run: ../templates.ts). */
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
}
