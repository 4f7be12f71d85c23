import { resolveRequestPath } from '../../deploy/static-host.ts';
import { defineCheck, finding } from '../check.ts';
import type { PageVisit } from '../page-visits.ts';

/**
 * Broken internal links and missing assets, from what each page references
 * (collected in the browser) resolved against the built files exactly as the
 * host resolves requests. A URL on the site's production origin (the canonical
 * origin) counts as internal. `#fragment` links must name an element on the
 * target page. External links are counted, not fetched (no network).
 */
export interface LinkProblem {
  page: string;
  url: string;
  reason: string;
}

export interface LinkReport {
  broken_links: LinkProblem[];
  missing_assets: LinkProblem[];
  internal_links: number;
  external_links: number;
}

const IGNORED_SCHEMES = /^(mailto|tel|sms|data|blob):/i;

export function checkLinks(root: string, servedUrl: string, visits: PageVisit[]): LinkReport {
  const served = new URL(servedUrl);
  const canonical =
    visits.find((v) => v.path === '/')?.canonical ?? visits.find((v) => v.canonical)?.canonical;
  const productionOrigin = canonical ? safeOrigin(canonical) : null;
  const idsByPath = new Map(visits.map((v) => [v.path, new Set(v.ids)]));
  const report: LinkReport = { broken_links: [], missing_assets: [], internal_links: 0, external_links: 0 };
  const seen = new Set<string>();

  /** The site path a reference points at, or null when it is outside the site. */
  const internalTarget = (pagePath: string, value: string): URL | null | 'invalid' => {
    let url: URL;
    try {
      url = new URL(value, new URL(pagePath, served));
    } catch {
      return 'invalid';
    }
    if (url.origin === served.origin) return url;
    if (productionOrigin && url.origin === productionOrigin) return url;
    return null;
  };

  for (const visit of visits) {
    for (const link of visit.links) {
      const value = link.value.trim();
      if (IGNORED_SCHEMES.test(value)) continue;
      const key = `${visit.path}\0a\0${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (/^javascript:/i.test(value)) {
        report.broken_links.push({
          page: visit.path,
          url: value,
          reason: 'a javascript: URL (sites ship no script)',
        });
        continue;
      }
      const target = internalTarget(visit.path, value);
      if (target === 'invalid') {
        report.broken_links.push({ page: visit.path, url: value, reason: 'not a valid URL' });
        continue;
      }
      if (!target) {
        report.external_links++;
        continue;
      }
      report.internal_links++;
      const found = resolveRequestPath(root, target.pathname);
      if (found.kind === 'missing') {
        report.broken_links.push({ page: visit.path, url: value, reason: `no page at ${target.pathname}` });
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment) {
        const targetPath = found.kind === 'redirect' ? found.location : target.pathname;
        const ids = idsByPath.get(targetPath);
        if (ids && !ids.has(fragment)) {
          report.broken_links.push({
            page: visit.path,
            url: value,
            reason: `${targetPath} has no element with id "${fragment}"`,
          });
        }
      }
    }
    for (const resource of visit.resources) {
      const value = resource.value.trim();
      if (IGNORED_SCHEMES.test(value)) continue;
      const target = internalTarget(visit.path, value);
      if (target === 'invalid') {
        report.missing_assets.push({
          page: visit.path,
          url: value,
          reason: `not a valid URL (${resource.tag})`,
        });
        continue;
      }
      if (!target) continue;
      const key = `${visit.path}\0r\0${target.pathname}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const found = resolveRequestPath(root, target.pathname);
      if (found.kind !== 'file') {
        report.missing_assets.push({
          page: visit.path,
          url: value,
          reason: `${resource.tag} points at ${target.pathname}, which the site does not have`,
        });
      }
    }
    for (const failed of visit.failedRequests) {
      const key = `${visit.path}\0f\0${failed.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pageUrl = new URL(visit.path, served);
      const path = safePath(failed.url, pageUrl);
      if (
        path &&
        report.missing_assets.some((m) => m.page === visit.path && safePath(m.url, pageUrl) === path)
      )
        continue;
      report.missing_assets.push({
        page: visit.path,
        url: failed.url,
        reason: `the browser's request failed: ${failed.reason}`,
      });
    }
  }
  return report;
}

export default defineCheck({
  id: 'links',
  title: 'Links and assets',
  order: 40,
  needs: ['root', 'servedUrl', 'visits'],
  kinds: { 'broken-link': { plural: 'broken links' }, 'missing-asset': { plural: 'missing assets' } },
  run({ root, servedUrl, visits }) {
    const links = checkLinks(
      root,
      servedUrl,
      visits.filter((v) => v.viewport === 'mobile'),
    );
    return {
      findings: [
        ...links.broken_links.map((l) =>
          finding('broken-link', l.page, `Broken link on ${l.page}: ${l.url} — ${l.reason}`),
        ),
        ...links.missing_assets.map((l) =>
          finding('missing-asset', l.page, `Missing asset on ${l.page}: ${l.url} — ${l.reason}`),
        ),
      ],
      lines: [
        {
          pass: !links.broken_links.length && !links.missing_assets.length,
          text: `Links and assets: ${links.internal_links} internal links, ${links.broken_links.length} broken; ${links.missing_assets.length} missing assets; ${links.external_links} external (not fetched)`,
        },
      ],
      summary: { broken_links: links.broken_links.length, missing_assets: links.missing_assets.length },
      data: links,
    };
  },
});

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function safePath(url: string, base: URL): string | null {
  try {
    return new URL(url, base).pathname;
  } catch {
    return null;
  }
}
