import type { ChildProcess } from 'node:child_process';
import { reviveError } from '../../errors.ts';
import type { SiteSpec } from '../spec.ts';
import type { FromRenderer, ToRenderer } from './render-ahead-process.ts';
import type { PageRenderer } from './render-pages.ts';
import { forkRenderer, takeEarlyRenderer } from './renderer-process.ts';

/**
 * A page renderer for a one-off build (`dreamseed generate`): a child process
 * that loads Astro and starts the build the moment it is made, while this
 * process opens the database, writes the copy and prepares the images, on the
 * other core. Astro configures itself and compiles every component meanwhile,
 * and bundles the pages once it is told which components they show; only the
 * pages' rendering waits for the spec, so once it is sent little is left to do.
 *
 * One render per renderer. If the process cannot start or dies without an
 * answer, the render runs in this process instead (same pages, only slower); a
 * build error it reports is the build's error. `close` ends the process, or lets
 * one that has answered end by itself (call it whatever happens: a pipeline that
 * fails before its build never sends a spec).
 */
export interface AheadRenderer extends PageRenderer {
  /** The rendering process's id (undefined if it could not start). */
  readonly pid: number | undefined;
  close(): void;
}

async function inProcess(spec: SiteSpec): Promise<string> {
  const { inProcessRenderer } = await import('./render-pages.ts');
  return inProcessRenderer().render(spec);
}

/**
 * With `env` (or `entry`, a renderer entry other than `rendererEntry()` picks), a new process with that
 * environment; without, the one the command's entry started early (renderer-process.ts), if any, else a
 * new one.
 */
export function renderAhead(options: { env?: NodeJS.ProcessEnv; entry?: string } = {}): AheadRenderer {
  let child: ChildProcess | null = null;
  let answer: Promise<FromRenderer | null>;
  let answered = false;
  try {
    const proc =
      (!options.env && !options.entry && takeEarlyRenderer()) ||
      forkRenderer(options.env ?? process.env, options.entry);
    child = proc;
    answer = new Promise((resolve) => {
      proc.once('message', (m: FromRenderer) => {
        answered = true;
        resolve(m);
      });
      // The channel closes after its last message is read: no answer by then means none is coming.
      proc.once('disconnect', () => resolve(null));
      proc.once('error', () => resolve(null));
    });
  } catch {
    answer = Promise.resolve(null);
  }
  let used = false;
  const send = (message: ToRenderer) => {
    if (child?.connected) child.send(message, () => {});
  };

  return {
    pid: child?.pid,
    expect(components: string[]) {
      if (!used) send({ type: 'components', components });
    },
    shows(components: string[]) {
      if (!used) send({ type: 'shows', components });
    },
    async render(spec: SiteSpec): Promise<string> {
      if (used) throw new Error('renderAhead: one render per renderer');
      used = true;
      send({ type: 'spec', spec });
      const m = await answer;
      if (m?.type === 'rendered') return m.work;
      if (m?.type === 'failed') throw reviveError(m.error);
      // No answer: the process did not start or died. The same render, here.
      return inProcess(spec);
    },
    close() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      // Once it has answered it exits by itself (compile-cache.ts first): it no longer keeps this process.
      if (answered) {
        child.unref();
        child.channel?.unref();
      } else child.kill();
    },
  };
}
