// The process render-ahead.ts forks: it loads Astro and starts the build at once, before the spec exists.
// Then it waits for the components to compile meanwhile (optional), the components the pages show (to bundle
// them; optional, else they come with the spec) and the one `spec` message; it renders the pages and
// answers `rendered` (the work folder) or `failed`. It exits when it has answered (keeping Node's compile
// cache bounded first, compile-cache.ts) or when its parent goes away.
import { type ErrorPayload, errorPayload } from '../../errors.ts';
import type { SiteSpec } from '../spec.ts';
import { boundCompileCache } from './compile-cache.ts';
import { renderWithAstro, workFolder } from './render-pages.ts';
import { componentsOf } from './spec-integration.ts';

export type ToRenderer =
  | { type: 'components' | 'shows'; components: string[] }
  | { type: 'spec'; spec: SiteSpec };
export type FromRenderer = { type: 'rendered'; work: string } | { type: 'failed'; error: ErrorPayload };

process.on('disconnect', () => process.exit(0));
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
process.send?.(answer, () => {
  // Off the command's path: it has its answer.
  boundCompileCache();
  process.exit(0);
});
