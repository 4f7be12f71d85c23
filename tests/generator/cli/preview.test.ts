import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../../../generator/cli/preview.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { startCliServer, tempHome } from '../../helpers/cli.ts';
import { makeSite, removeTempDirs } from '../deploy/sites.ts';

afterAll(removeTempDirs);

/**
 * `dreamseed preview DIR` serves a build as the live site does (the deploy
 * static host): the site's `_headers` on every response, pretty URLs, its own
 * 404 page, and `_headers` itself never served.
 */
const HEADERS = `/*
  Content-Security-Policy: default-src 'none'; img-src 'self'; style-src 'self'; script-src 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin

/_img/*
  Cache-Control: public, max-age=31536000, immutable
`;

function site(): string {
  const dir = makeSite('preview', { seed: 5 });
  writeFileSync(join(dir, '_headers'), HEADERS);
  return dir;
}

async function expectLiveLike(url: string): Promise<void> {
  const home = await fetch(url);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('Version preview');
  expect(home.headers.get('content-security-policy')).toBe(
    "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'none'",
  );
  expect(home.headers.get('x-content-type-options')).toBe('nosniff');
  expect(home.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  const image = await fetch(new URL('_img/photo-0.webp', url));
  expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const about = await fetch(new URL('about', url), { redirect: 'manual' });
  expect(about.status).toBe(301);
  expect(about.headers.get('location')).toBe('/about/');
  const missing = await fetch(new URL('no-such-page/', url));
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('Not found');
  expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect((await fetch(new URL('_headers', url))).status).toBe(404);
}

describe('preview DIR', () => {
  it('serves the build with its _headers, as the live site does', async () => {
    const host = await serveDirectory(site(), 0);
    try {
      await expectLiveLike(host.url);
    } finally {
      await host.close();
    }
  });

  it('does so from the command line', async () => {
    const server = await startCliServer(['preview', site(), '--port', '0'], tempHome());
    try {
      await expectLiveLike(server.url);
    } finally {
      server.stop();
    }
  });

  it('refuses a directory that is not there', () => {
    expect(() => serveDirectory(join(repoRoot, 'no-such-site'), 0)).toThrow(/is not a built site directory/);
  });
});
