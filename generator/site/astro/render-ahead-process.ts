// The process render-ahead.ts forks: it loads Astro and starts the build at once, before the spec exists,
// then waits for the components to compile meanwhile (optional) and the one `spec` message, finishes the
// render and answers `rendered` (the work folder) or `failed`. It exits when it has answered or when its
// parent goes away.
import { type ErrorPayload, errorPayload } from '../../errors.ts';
import type { SiteSpec } from '../spec.ts';
import { renderWithAstro, workFolder } from './render-pages.ts';
import { componentsOf } from './spec-integration.ts';

export type ToRenderer = { type: 'components'; components: string[] } | { type: 'spec'; spec: SiteSpec };
export type FromRenderer = { type: 'rendered'; work: string } | { type: 'failed'; error: ErrorPayload };

process.on('disconnect', () => process.exit(0));
const spec = Promise.withResolvers<SiteSpec>();
// The components to compile while waiting come first when the parent knows them early; else with the spec.
const components = Promise.withResolvers<string[]>();
process.on('message', (message: ToRenderer) => {
  if (message?.type === 'components') components.resolve(message.components);
  if (message?.type === 'spec') {
    spec.resolve(message.spec);
    components.resolve(componentsOf(message.spec));
  }
});
const work = workFolder(`${process.pid}-ahead`);
const answer: FromRenderer = await renderWithAstro(spec.promise, work, { warm: components.promise }).then(
  (): FromRenderer => ({ type: 'rendered', work }),
  (error: unknown): FromRenderer => ({ type: 'failed', error: errorPayload(error) }),
);
process.send?.(answer, () => process.exit(0));
