import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server-fixture.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({
    app: { rateLimitPerMinute: 6 },
    env: { DREAMSEED_WRITER: 'offline', OPENAI_API_KEY: '' },
  });
});
afterAll(() => s?.close());

const post = (body: unknown, token: string, query = '') =>
  s.fetch(`/api/website-generator${query}`, {
    method: 'POST',
    token,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('POST /api/website-generator', () => {
  it('queues a build through the change log (202), with its options; an unknown template is refused before queueing', async () => {
    const bakery = s.founders.find((f) => f.slug === 'bakery')!;
    const token = await s.tokenFor('bakery');
    const res = await post({}, token);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'queued', user_id: bakery.id, slug: 'bakery' });
    const changes = await s.db.query<{ refs: string[] }>(
      `select refs from public.site_build_changes where user_id = $1 and job_id is null`,
      [bakery.id],
    );
    expect(changes.flatMap((c) => c.refs)).toContain('build_requested');
    const opts = await post(
      { template: 'professional', writer: 'offline', regenerate: [{ page: '', key: 'hero' }] },
      token,
    );
    expect(opts.status).toBe(202);
    const withOptions = await s.db.query<{ refs: string[] }>(
      `select refs from public.site_build_changes where user_id = $1 and job_id is null order by created_at`,
      [bakery.id],
    );
    expect(withOptions.at(-1)!.refs).toEqual([
      'build_requested',
      'template=professional',
      'writer=offline',
      'regenerate=#hero',
    ]);
    const unknown = await post({ template: 'no-such-template' }, token);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      'no-such-template',
    );
  });

  it.each([
    ['a bad template id', { template: 'Not A Template' }, 'template'],
    ['an unknown writer', { writer: 'gpt-9' }, 'writer'],
    ['regenerate that is not a list', { regenerate: 'hero' }, 'regenerate'],
    ['an unknown key', { palette: 2 }, 'palette'],
  ])('refuses %s with 422 naming the field', async (_, body, field) => {
    const res = await post(body, await s.tokenFor('dog-groomer'), '?wait=true');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
  });

  it('refuses ?wait=maybe (422 naming wait)', async () => {
    const res = await post({}, await s.tokenFor('dog-groomer'), '?wait=maybe');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('wait');
  });

  it('builds with ?wait=true and answers the summary; the preview is served to its founder only; the canonical URL follows the saved domain', async () => {
    const token = await s.tokenFor('bakery');
    const saved = await s.fetch('/api/save-domain', {
      method: 'POST',
      token,
      body: JSON.stringify({ domain: 'rosa-bakery.com' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(saved.status).toBe(200);
    const res = await post({ writer: 'offline' }, token, '?wait=true');
    const body = (await res.json()) as {
      status: string;
      template: { id: string; reasons: unknown[] };
      sections: { key: string }[];
      palette: { options: unknown[] };
      warnings: string[];
      preview_url: string;
    };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe('built');
    expect(body.template.id).toBeTruthy();
    expect(body.template.reasons.length).toBeGreaterThan(0);
    expect(body.sections.length).toBeGreaterThan(0);
    expect(body.palette.options.length).toBe(3);
    expect(Array.isArray(body.warnings)).toBe(true);
    expect(body.preview_url).toBe(new URL('/preview/bakery/', s.url).href);

    const page = await s.fetch('/preview/bakery/', { token });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Rosa');
    expect(html).toMatch(/<link rel="canonical" href="https:\/\/rosa-bakery\.com\/"/);
    // Served under /preview/bakery/, its root-relative links stay inside it; the build itself is unchanged.
    expect(html).not.toMatch(/\s(?:href|src)="\/(?!\/|preview\/bakery\/)/);
    const img = /\ssrc="(\/preview\/bakery\/_img\/[^"]+)"/.exec(html)?.[1];
    expect(img).toBeTruthy();
    const image = await s.fetch(img!, { token });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect((await s.fetch('/preview/bakery/about/', { token })).status).toBe(200);
    const built = readFileSync(join(s.home, 'sites', 'bakery', 'index.html'), 'utf8');
    expect(built).toContain(' src="/_img/');
    // Another founder's preview is not theirs to see; no credentials, no preview.
    expect((await s.fetch('/preview/bakery/', { token: await s.tokenFor('dog-groomer') })).status).toBe(404);
    expect((await s.fetch('/preview/bakery/')).status).toBe(401);
    expect((await s.fetch('/preview/bakery/../../etc/passwd', { token })).status).toBe(404);
    // The cookie opens it as the Bearer does (the studio's way).
    const viaCookie = await s.fetch('/preview/bakery/', { headers: { cookie: `ds_access=${token}` } });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses an unknown template with a 4xx naming it, not a 5xx', async () => {
    const res = await post({ template: 'no-such-template' }, await s.tokenFor('bakery'), '?wait=true');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'no-such-template',
    );
  });

  it('rate-limits model-costly requests per founder (429 with Retry-After), others unaffected', async () => {
    const token = await s.tokenFor('yoga-studio');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post({}, token)).status);
    expect(statuses.slice(0, 6).every((x) => x === 202)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const limited = await post({}, token);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await post({}, await s.tokenFor('food-bank'))).status).toBe(202);
  });
});
