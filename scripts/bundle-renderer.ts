#!/usr/bin/env node
// Bundles the page renderer's process (generator/site/astro/renderer-bundle.ts explains why and how it is
// used). Run by:
// - `npm ci`/`npm install` (`postinstall`): one line of output. A failure does not fail the install: the
//   renderer then runs from source, only slower to start.
// - `npm run bundle:renderer` (`--strict`): a failure exits 1.
// - a renderer that ran from source (`--background`, renderer-bundle.ts's makeBundleInBackground): no
//   output; one at a time; a failure is kept in the bundle folder's last-failure.json.
// `--root DIR` makes it in another folder than node_modules/.cache/dreamseed-renderer (tests).
import { parseArgs } from 'node:util';
import {
  BUNDLE_ROOT,
  buildRendererBundle,
  buildRendererBundleOnce,
  recordFailure,
  rendererBundleOn,
} from '../generator/site/astro/renderer-bundle.ts';

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    background: { type: 'boolean', default: false },
    root: { type: 'string', default: BUNDLE_ROOT },
  },
});
const root = values.root;

if (values.background) {
  if (rendererBundleOn()) await buildRendererBundleOnce(root).catch((error) => recordFailure(root, error));
} else if (!rendererBundleOn()) {
  process.stderr.write('renderer bundle: skipped (DREAMSEED_RENDERER_BUNDLE=off)\n');
} else {
  try {
    const r = await buildRendererBundle(root);
    process.stderr.write(
      `renderer bundle: ${r.modules} modules (${r.ownFiles} of the project's own) in ${r.ms} ms → ${r.entry}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `renderer bundle: not made (${error instanceof Error ? error.message : String(error)}); the page renderer runs from source, which only starts slower.\n`,
    );
    if (values.strict) process.exitCode = 1;
  }
}
