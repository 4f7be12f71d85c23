import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../templates.ts');

/** `dreamseed templates list | sync` (run: ../templates.ts). */
export function configure(templates: Command): void {
  lazyCommand(
    templates,
    run,
    'list',
    'templates with their pages, theme and the businesses they suit',
  ).addOption(jsonOption());
  lazyCommand(templates, run, 'sync', 'record the templates in website_templates').addOption(jsonOption());
}
