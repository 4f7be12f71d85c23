import type { PageVisit } from '../../generator/score/page-visits.ts';

/** A page as the browser saw it, made by hand for the checks that read visits: links, resources, ids, the rest empty. */
export function pageVisit(
  path: string,
  links: string[] = [],
  resources: string[] = [],
  ids: string[] = [],
  more: Partial<PageVisit> = {},
): PageVisit {
  return {
    path,
    viewport: 'mobile',
    status: 200,
    links: links.map((value) => ({ tag: 'a', value })),
    resources: resources.map((value) => ({ tag: 'img', value })),
    ids,
    canonical: path === '/' ? 'https://shop.dreamseed.site/' : null,
    jsonLd: [],
    scripts: [],
    failedRequests: [],
    consoleErrors: [],
    axe: [],
    axeVersion: 'test',
    ...more,
  };
}
