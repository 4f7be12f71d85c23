import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

const run = () => import('../templates.ts');

/** `dreamseed templates list | sync` (run: ../templates.ts). */
export function configure(templates: Command): void {
  templates
    .command('list')
    .description('templates with their pages, theme and the businesses they suit')
    .addOption(jsonOption())
    .action(lazy(run, 'list'));
  templates
    .command('sync')
    .description('record the templates in website_templates')
    .addOption(jsonOption())
    .action(lazy(run, 'sync'));
}
