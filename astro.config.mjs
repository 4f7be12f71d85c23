// The Astro project that renders a DreamSeed site spec into static pages.
// The build stage (generator/stages/build-site.ts) calls Astro's programmatic
// build() with this config plus an integration that provides the spec as the
// virtual module `virtual:dreamseed/spec`. Sites ship no JavaScript.
import { dreamseedRoutes } from './generator/site/astro/routes-integration.ts';

// A plain object, typed by the comment below, not `defineConfig` from 'astro/config': that entry also
// loads the SVG optimiser, font providers and session drivers (~280 modules) into every render.
// tests/generator/cli/lazy-loading.test.ts checks the renderer loads none of them.
/** @type {import('astro').AstroUserConfig} */
export default {
  output: 'static',
  trailingSlash: 'always',
  compressHTML: true,
  build: { format: 'directory', inlineStylesheets: 'always', assets: '_assets' },
  scopedStyleStrategy: 'class',
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [dreamseedRoutes()],
  vite: { logLevel: 'warn', build: { assetsInlineLimit: 0 } },
};
