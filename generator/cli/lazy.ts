import type { Command } from 'commander';

/**
 * A command's action that imports its implementation module only when the
 * command runs. The declarations under `commands/` stay light (commander and
 * plain data), so `--help`, `--version` and usage errors never load Astro,
 * sharp, the database or the catalogue; the implementation module is imported
 * when commander has parsed the arguments and calls the action.
 *
 *   .action(lazy(() => import('../db.ts'), 'reset'))
 *
 * The named export receives exactly what commander passes to an action (the
 * arguments, then the options object, then the command), so an action written
 * inline moves to its module unchanged.
 */
// biome-ignore lint/suspicious/noExplicitAny: commander passes each command's own arguments and options.
type Action = (...args: any[]) => unknown;

export interface ActionOptions {
  /** A command that runs until it is stopped (`serve`, `worker`, `templates dev`). */
  longRunning?: boolean;
}

export function lazy<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K & (M[K] extends Action ? K : never),
  options: ActionOptions = {},
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    await configureParsers(options);
    const action = (await load())[name] as Action;
    await action(...args);
  };
}

/**
 * zod compiles each object schema's parser with `new Function` on its first parse (its JIT). That pays
 * off over thousands of parses, in a long-running command; a one-shot command parses most schemas once or
 * twice, and the compiling cost it more than it saved (20–45 ms of CPU in a cold `generate`, measured with
 * V8's profiler). zod reads the setting when a schema is made, so it is set before the command's
 * implementation loads its schemas (a schema a command's declaration module loads keeps the JIT: only
 * slower, never wrong).
 */
async function configureParsers(options: ActionOptions): Promise<void> {
  const { z } = await import('zod');
  z.config({ jitless: !options.longRunning });
}

/**
 * `group.command(name).description(description)` whose action is the export
 * `name` of the implementation module: a sub-command declared in one line, its
 * options chained after.
 *
 *   lazyCommand(db, () => import('../db.ts'), 'migrate', 'apply pending migrations').addOption(jsonOption());
 */
export function lazyCommand<M, K extends keyof M & string>(
  group: Command,
  load: () => Promise<M>,
  name: K & (M[K] extends Action ? K : never),
  description: string,
  options: ActionOptions = {},
): Command {
  return group
    .command(name)
    .description(description)
    .action(lazy<M, K>(load, name, options));
}
