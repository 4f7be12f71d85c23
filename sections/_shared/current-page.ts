/**
 * `aria-current` for a navigation link: `'page'` when it points at the page
 * being rendered (`Astro.url`), comparing paths with their trailing slash.
 */
export function ariaCurrent(href: string, url: URL): 'page' | undefined {
  const slash = (path: string) => (path.endsWith('/') ? path : `${path}/`);
  return slash(href) === slash(url.pathname) ? 'page' : undefined;
}
