/**
 * Builds in one process run one at a time (Astro changes the working directory while it builds,
 * generator/jobs/README.md): `?wait=true` builds wait their turn here.
 */
let tail: Promise<unknown> = Promise.resolve();

export function oneBuildAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}
