import { type ChildProcess, fork } from 'node:child_process';
import { repoRoot } from '../../paths.ts';
import { freshRendererBundle, rendererBundleOn, SOURCE_ENTRY } from './renderer-bundle.ts';

/**
 * Starting the page-rendering process (render-ahead-process.ts), kept apart from
 * render-ahead.ts so that the command's entry can start it before anything else
 * loads: this module and renderer-bundle.ts load only Node's own modules (and the paths).
 */

/**
 * The renderer's entry: its bundle when one made from the installed packages and the current sources
 * exists (renderer-bundle.ts), else the TypeScript entry. Checking costs a few milliseconds.
 */
export function rendererEntry(env: NodeJS.ProcessEnv = process.env): string {
  return (rendererBundleOn(env) && freshRendererBundle()) || SOURCE_ENTRY;
}

export function forkRenderer(env: NodeJS.ProcessEnv, entry = rendererEntry(env)): ChildProcess {
  return fork(entry, [], {
    cwd: repoRoot,
    env: { ...env },
    // This process's V8 flags (the entry's), and a young generation of at most 4 MB a half where V8 grows it
    // to 32: the renderer runs for two seconds, and on the 2-core bench machine, where memory is slow to
    // fault in, the smaller one touched 13 MiB less and made a cold generate 3% faster (medians of 10
    // alternating pairs).
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--max-semi-space-size')),
      '--max-semi-space-size=4',
    ],
    // Its stdout goes to our stderr: `--json` output stays clean.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}

let early: ChildProcess | undefined;

/**
 * `dreamseed generate --demo|--user|--dna …` (scripts/dreamseed.ts): the renderer starts first, before
 * this process loads the CLI, so Astro loads on the other core from the first moment. The command takes it
 * with `takeEarlyRenderer`; until then it does not keep this process alive, and if the command ends first
 * (a usage error, `--help` given later on the line), it is stopped when this process exits.
 */
export function startRendererEarly(argv: readonly string[]): void {
  const args = argv.slice(2);
  const builds =
    args[0] === 'generate' &&
    args.some((a) => /^--(demo|user|dna)(=|$)/.test(a)) &&
    !args.some((a) => a === '--help' || a === '-h');
  if (!builds || early) return;
  try {
    early = forkRenderer(process.env);
  } catch {
    return; // renderAhead forks its own (or renders in this process)
  }
  early.on('error', () => {}); // a process that failed to start is not taken (takeEarlyRenderer)
  // Neither the process nor its message channel keeps this process running until the command takes it.
  early.unref();
  early.channel?.unref();
  process.once('exit', () => early?.kill());
}

/** The renderer `startRendererEarly` started, once: it keeps this process alive again from now on. */
export function takeEarlyRenderer(): ChildProcess | undefined {
  const taken = early;
  early = undefined;
  if (taken && taken.exitCode === null && taken.signalCode === null && taken.connected) {
    taken.ref();
    taken.channel?.ref();
    return taken;
  }
  taken?.kill();
  return undefined;
}
