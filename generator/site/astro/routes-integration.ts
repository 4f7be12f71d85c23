import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Injects the two routes every site has: its pages and the 404 page. */
export function dreamseedRoutes(): AstroIntegration {
  return {
    name: 'dreamseed-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({
          pattern: '/[...path]',
          entrypoint: fileURLToPath(new URL('./routes/page.astro', import.meta.url)),
          prerender: true,
        });
        injectRoute({
          pattern: '/404',
          entrypoint: fileURLToPath(new URL('./routes/not-found.astro', import.meta.url)),
          prerender: true,
        });
      },
    },
  };
}
