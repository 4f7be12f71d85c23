import { Command, Help } from 'commander';

/**
 * THE command table: every top-level command's name, description and usage
 * term (what `dreamseed --help` lists), and the module that declares the rest
 * of it (its options, arguments and sub-commands). Loading is in two steps,
 * so a call pays only for the command it names:
 *
 * 1. the declaration module (`commands/<name>.ts`) is imported only when its
 *    command is named on the command line (`dreamseed db …`, `dreamseed help db`);
 *    the others stay bare entries of this table, enough for the listing and for
 *    "unknown command" suggestions;
 * 2. the implementation module (`<name>.ts` beside this file) is imported by the
 *    action (`lazy.ts`) only when commander has parsed the arguments and runs it.
 *
 * So `dreamseed --help`, `dreamseed generate --help` and usage errors load
 * commander and a few small modules, never Astro, sharp, the database, the
 * catalogue or the network clients (tests/generator/cli/lazy-loading.test.ts).
 * `usage` is the term after the name in the listing; a test keeps it equal to
 * what the declaration produces.
 */
export interface CommandEntry {
  name: string;
  description: string;
  usage: string;
  load: () => Promise<{ configure(cmd: Command): void }>;
}

export const commandTable: CommandEntry[] = [
  {
    name: 'db',
    description: 'the database: migrations, seed, status',
    usage: '',
    load: () => import('./commands/db.ts'),
  },
  {
    name: 'demo',
    description: 'the seeded demo founders',
    usage: '',
    load: () => import('./commands/demo.ts'),
  },
  {
    name: 'dna',
    description: 'the DNA bundle format (docs/dna-bundle.md)',
    usage: '',
    load: () => import('./commands/dna.ts'),
  },
  {
    name: 'files',
    description: "a founder's logo and photos: add, list, describe, remove",
    usage: '',
    load: () => import('./commands/files.ts'),
  },
  {
    name: 'generate',
    description: "build one founder's website from their Dream DNA",
    usage: '[options]',
    load: () => import('./commands/generate.ts'),
  },
  {
    name: 'brand',
    description: "a founder's palette options: list them with their contrast, choose one",
    usage: '',
    load: () => import('./commands/brand.ts'),
  },
  {
    name: 'preview',
    description: 'serve a built site on 127.0.0.1, as the live site serves it',
    usage: '[options] [dir]',
    load: () => import('./commands/preview.ts'),
  },
  {
    name: 'score',
    description:
      'measure a built site: Lighthouse (mobile + desktop), HTML validity, axe, links, JSON-LD, headers, budgets',
    usage: '[options] [dir]',
    load: () => import('./commands/score.ts'),
  },
  {
    name: 'sections',
    description: "a founder's website sections: list, review, edit, regenerate, history",
    usage: '',
    load: () => import('./commands/sections.ts'),
  },
  {
    name: 'publish',
    description:
      "put a founder's latest build live, if it passes the gate (approved sections, scores, checks)",
    usage: '[options]',
    load: () => import('./commands/publish.ts'),
  },
  {
    name: 'rollback',
    description: 'make an earlier deploy live again, instantly',
    usage: '[options]',
    load: () => import('./commands/rollback.ts'),
  },
  {
    name: 'deploys',
    description: "a founder's deploy history: time, target, status, scores, who published",
    usage: '[options]',
    load: () => import('./commands/deploys.ts'),
  },
  {
    name: 'templates',
    description: 'the template catalogue',
    usage: '',
    load: () => import('./commands/templates.ts'),
  },
];

/**
 * The `dreamseed` program for this command line: every command of the table,
 * with the one `argv` names declared in full. `all` declares every command (the
 * tests compare the table with the declarations this way).
 */
export async function createProgram(argv: string[], options: { all?: boolean } = {}): Promise<Command> {
  const program = new Command('dreamseed')
    .description('DreamSeed Sites: generate, preview and publish websites from founders’ Dream DNA.')
    .version(process.env.npm_package_version ?? '0.1.0');
  const named = commandNamed(argv.slice(2));
  const bare = new Map<Command, string>();
  for (const entry of commandTable) {
    const cmd = program.command(entry.name).description(entry.description);
    if (options.all || entry.name === named) (await entry.load()).configure(cmd);
    else bare.set(cmd, entry.usage);
  }
  program.configureHelp({
    subcommandTerm(cmd) {
      const usage = bare.get(cmd);
      if (usage === undefined) return Help.prototype.subcommandTerm.call(this, cmd);
      return usage ? `${cmd.name()} ${usage}` : cmd.name();
    },
  });
  return program;
}

/** The command a command line names: its first word that is not an option (`help X` names X). */
export function commandNamed(args: string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
