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

/** Name, usage term and description; the declaration module is `commands/<name>.ts`. */
export const commandTable: CommandEntry[] = (
  [
    ['db', '', 'the database: migrations, seed, status'],
    ['demo', '', 'the seeded demo founders'],
    ['dna', '', "Dream DNA: the bundle format (docs/dna-bundle.md), a founder's facts, correcting them"],
    ['files', '', "a founder's logo and photos: add, list, describe, categorise, remove"],
    ['generate', '[options]', "build one founder's website from their Dream DNA"],
    ['brand', '', "a founder's palette options: list them with their contrast, choose one"],
    ['preview', '[options] [dir]', 'serve a built site on 127.0.0.1, as the live site serves it'],
    [
      'score',
      '[options] [dir]',
      'measure a built site: Lighthouse (mobile + desktop), HTML validity, axe, links, JSON-LD, headers, budgets',
    ],
    ['sections', '', "a founder's website sections: list, review, edit, regenerate, history"],
    [
      'publish',
      '[options]',
      "put a founder's latest build live, if it passes the gate (approved sections, scores, checks)",
    ],
    ['rollback', '[options]', 'make an earlier deploy live again, instantly'],
    ['deploys', '[options]', "a founder's deploy history: time, target, status, scores, who published"],
    ['templates', '', 'the template catalogue'],
    [
      'worker',
      '[options]',
      'build founders’ sites automatically when their DNA, media or approved copy changes',
    ],
    ['jobs', '', 'automatic builds: recent jobs, and retrying a dead one'],
    ['founders', '', 'founders: add one, list them'],
    ['transcripts', '', "a founder's consultation calls: add, list, search, vectorise"],
    [
      'serve',
      '[options]',
      'the HTTP API, the studio and previews on 127.0.0.1, with the automatic-builds worker inside',
    ],
  ] as const
).map(([name, usage, description]) => ({
  name,
  usage,
  description,
  load: () => import(`./commands/${name}.ts`),
}));

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
