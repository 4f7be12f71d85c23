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
