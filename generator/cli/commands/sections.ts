import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy, lazyCommand } from '../lazy.ts';

const run = () => import('../sections.ts');

/**
 * `dreamseed sections …` (run: ../sections.ts). `list`, `show`, `history` and
 * `regenerate` are operator commands; `approve`, `reject`, `edit`, `restore` and
 * `choose` are the founder's own actions.
 */
export function configure(sections: Command): void {
  const user = 'the founder (user id or slug)';
  lazyCommand(
    sections,
    run,
    'list',
    'the current revision of every section: status, writer, stale or not, alternatives, tokens',
  )
    .requiredOption('--user <id>', user)
    .addOption(jsonOption('the sections'));
  lazyCommand(
    sections,
    run,
    'show',
    'the current content of one section, its provenance and its alternatives',
  )
    .requiredOption('--section <id>', 'section id (or, with --user, its key: hero, about/hero)')
    .option('--user <id>', user)
    .addOption(jsonOption('the section'));
  lazyCommand(sections, run, 'history', 'every revision of one section, oldest first')
    .requiredOption('--section <id>', 'section id (or, with --user, its key)')
    .option('--user <id>', user)
    .addOption(jsonOption('the revisions (with their content)'));
  lazyCommand(
    sections,
    run,
    'regenerate',
    'rewrite one section now (even if approved or edited: the founder asked), then rebuild the site',
  )
    .requiredOption('--user <id>', user)
    .requiredOption('--section <id>', 'section id or key (hero, about/hero, header)')
    .option('--writer <name>', 'offline or openai (default: openai when OPENAI_API_KEY is set)')
    .addOption(jsonOption('the new revision and the run’s usage'));

  // The founder's own actions share their options.
  const founderAction = (name: 'approve' | 'reject' | 'edit' | 'restore' | 'choose', description: string) =>
    lazyCommand(sections, run, name, description)
      .requiredOption('--section <id>', 'section id (or, with --user, its key)')
      .option('--user <id>', user)
      .addOption(jsonOption('the resulting revision'));
  founderAction('approve', 'approve the current revision (regeneration will not overwrite it)');
  founderAction('reject', 'reject the current revision (the next generate writes different copy)');
  founderAction(
    'edit',
    "set fields of the section's content (validated against the section's schema); one new revision",
  )
    .requiredOption(
      '--field <path>',
      'the field: headline, cta.label, items.0.description … (repeatable)',
      collect,
      [],
    )
    .requiredOption(
      '--value <text>',
      'its new text, in the same order (empty removes an optional field)',
      collect,
      [],
    );
  founderAction('restore', 'make an earlier revision current again (as a new revision)').requiredOption(
    '--revision <n>',
    'the revision number (see `sections history`)',
  );
  founderAction(
    'choose',
    "use one of the section's alternatives (written from another reading of an unsure fact)",
  ).requiredOption('--alternative <id>', 'its number (1, 2, 3) or id (who_serves:alternative_1)');
  sections
    .command('new')
    .description(
      'scaffold a section type: section.ts (schema, copy patterns, compose), a variant and a prompt',
    )
    .argument('<type>', 'the new section type (snake_case)')
    .option(
      '--root <dir>',
      "a catalogue other than the repository's: a folder holding sections/, templates/ and themes/",
    )
    .addOption(jsonOption('the files written'))
    .action(lazy(() => import('../templates-new.ts'), 'newSection'));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
