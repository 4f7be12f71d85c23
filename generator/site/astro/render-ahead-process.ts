// The process render-ahead.ts forks: it loads Astro and starts the build at once, before the spec exists.
// Then it waits for the components to compile meanwhile (optional), the components the pages show (to bundle
// them; optional, else they come with the spec) and the one `spec` message; it renders the pages and
// answers `rendered` (the work folder) or `failed`. It exits when it has answered (keeping Node's compile
// cache bounded first, compile-cache.ts, and, run from source because no bundle of it was fresh, starting
// the making of one for the next run, renderer-bundle.ts) or when its parent goes away before that.
import { type ErrorPayload, errorPayload } from '../../errors.ts';
import type { SiteSpec } from '../spec.ts';
import { boundCompileCache } from './compile-cache.ts';
import { renderWithAstro, workFolder } from './render-pages.ts';
import { componentsOf } from './spec-integration.ts';

export type ToRenderer =
  | { type: 'components' | 'shows'; components: string[] }
  | { type: 'spec'; spec: SiteSpec };
export type FromRenderer = { type: 'rendered'; work: string } | { type: 'failed'; error: ErrorPayload };

const leave = () => process.exit(0);
process.on('disconnect', leave);
const spec = Promise.withResolvers<SiteSpec>();
// The components to compile while waiting come first when the parent knows them early; else with the spec.
const components = Promise.withResolvers<string[]>();
// The components the pages show, which the bundle needs: told when the copy is written, else with the spec.
const shown = Promise.withResolvers<string[]>();
process.on('message', (message: ToRenderer) => {
  if (message?.type === 'components') components.resolve(message.components);
  if (message?.type === 'shows') shown.resolve(message.components);
  if (message?.type === 'spec') {
    spec.resolve(message.spec);
    components.resolve(componentsOf(message.spec));
    shown.resolve(componentsOf(message.spec));
  }
});
const work = workFolder(`${process.pid}-ahead`);
const answer: FromRenderer = await renderWithAstro(spec.promise, work, {
  warm: components.promise,
  shown: shown.promise,
}).then(
  (): FromRenderer => ({ type: 'rendered', work }),
  (error: unknown): FromRenderer => ({ type: 'failed', error: errorPayload(error) }),
);
// From here this process exits by itself once the answer is sent. The command may exit as soon as it has
// the answer: its going away must not cut short what follows (a 'disconnect' handled before the send's
// callback ran did, and the compile cache was left unbounded).
process.off('disconnect', leave);
process.send?.(answer, async () => {
  // Off the command's path: it has its answer.
  boundCompileCache();
  // Run from source (not from a bundle): the bundle was missing or made from other files. It is made in a
  // process of its own (renderer-bundle.ts), and this one ends. (Imported by a computed URL, so that the
  // bundler, which follows literal imports, leaves it out.)
  if (process.argv[1]?.endsWith('.ts'))
    await import(new URL('./renderer-bundle.ts', import.meta.url).href)
      .then((b: typeof import('./renderer-bundle.ts')) => b.rendererBundleOn() && b.makeBundleInBackground())
      .catch(() => {});
  process.exit(0);
});
