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

export function lazy<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K & (M[K] extends Action ? K : never),
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const action = (await load())[name] as Action;
    await action(...args);
  };
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
): Command {
  return group.command(name).description(description).action(lazy<M, K>(load, name));
}
