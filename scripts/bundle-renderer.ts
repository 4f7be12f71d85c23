#!/usr/bin/env node
// `npm run bundle:renderer`, and the `postinstall` of `npm ci`/`npm install`: bundles the page renderer's
// process (generator/site/astro/renderer-bundle.ts explains why and how it is used). One line of output.
// A failure does not fail the install: the renderer then runs from source, only slower to start
// (`--strict` makes it exit 1, for CI and tests).
import { buildRendererBundle, rendererBundleOn } from '../generator/site/astro/renderer-bundle.ts';

const strict = process.argv.includes('--strict');
if (!rendererBundleOn()) {
  process.stderr.write('renderer bundle: skipped (DREAMSEED_RENDERER_BUNDLE=off)\n');
} else {
  try {
    const r = await buildRendererBundle();
    process.stderr.write(
      `renderer bundle: ${r.modules} modules (${r.ownFiles} of the project's own) in ${r.ms} ms → ${r.entry}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `renderer bundle: not made (${error instanceof Error ? error.message : String(error)}); the page renderer runs from source, which only starts slower.\n`,
    );
    if (strict) process.exitCode = 1;
  }
}
