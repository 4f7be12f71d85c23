import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import type { DreamseedError } from '../../../generator/errors.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * The publish gate on a deliberately broken build: an image without alt text,
 * an oversized image, a link to a page that does not exist, and a required
 * section the founder has not approved. Publishing is refused at once for the
 * draft; once approved, it is refused with each measured reason listed, and
 * nothing goes live; an operator's --force publishes it, recorded as forced
 * with what was overridden.
 */
const home = mkdtempSync(join(tmpdir(), 'ds-gate-'));
let db: Database;
let buildDir = '';
let websiteId = '';

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  const summary = await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db });
  buildDir = join(loadConfig().sitesDir, 'bakery');
  expect(summary.recorded).not.toBeNull();
  websiteId = summary.recorded!.website_id;
  // The founder approved everything but the hero.
  await db.query(
    `update public.website_sections set status = 'approved', approved_at = now(), approved_by = 'test'
      where website_id = $1 and is_current and section_key <> 'hero'`,
    [summary.recorded!.website_id],
  );
  const photo = await sharp({
    create: {
      width: 1400,
      height: 1050,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .jpeg({ quality: 95 })
    .toBuffer();
  writeFileSync(join(buildDir, '_img', 'oversized.jpg'), photo);
  const index = join(buildDir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const mainAt = html.indexOf('<main');
  const head = html.slice(0, mainAt);
  const body = html
    .slice(mainAt)
    .replace(/ alt="[^"]+"/, '')
    .replace(
      /(<main[^>]*>)/,
      '$1<p><a href="/no-such-page/">Our old menu</a></p><img src="/_img/oversized.jpg" alt="The counter" width="1400" height="1050" loading="eager">',
    );
  writeFileSync(index, head + body);
}, 180_000);

afterAll(async () => {
  await db?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('publish gate', () => {
  let reasons: string[] = [];
  const publish = (extra: { force?: boolean; publishedBy?: string } = {}) =>
    publishSite({
      db,
      config: loadConfig(),
      user: 'bakery',
      target: 'local',
      publishedBy: extra.publishedBy ?? 'test',
      force: extra.force,
    });
  const refusal = async () => (await publish().catch((e: unknown) => e)) as DreamseedError;

  it('refuses at once while a required section is a draft, measuring nothing', async () => {
    const error = await refusal();
    expect(error.code).toBe('PUBLISH_REFUSED');
    expect(error.data?.reasons).toEqual(['Section "hero" on / is a draft: the founder has to approve it']);
    expect(error.hint).toMatch(/quality checks run then/);
    const [site] = await db.query<{ lighthouse_scores: unknown }>(
      `select lighthouse_scores from public.generated_websites w join public.users u on u.id = w.user_id where u.slug = 'bakery'`,
    );
    expect(site?.lighthouse_scores).toBeNull();
  });

  it('refuses the broken build once approved, listing every measured reason', {
    timeout: 300_000,
  }, async () => {
    await db.query(
      `update public.website_sections set status = 'approved', approved_at = now(), approved_by = 'test'
        where website_id = $1 and is_current and section_key = 'hero'`,
      [websiteId],
    );
    const error = await refusal();
    expect(error.code).toBe('PUBLISH_REFUSED');
    expect(error.exitCode).toBe(1);
    reasons = (error.data?.reasons as string[]) ?? [];
    const all = reasons.join('\n');
    expect(all).not.toMatch(/is a draft/);
    expect(all).toMatch(/Accessibility \(axe image-alt, critical\) on \/ \(mobile\)/);
    expect(all).toMatch(/Lighthouse accessibility is \d+ on \/ \(mobile\), needs 100: fix .*image-alt/);
    expect(all).toMatch(
      /Budget "home page transfer on mobile \(Lighthouse\)" is [\d.]+ KB, over the 300\.0 KB limit/,
    );
    expect(all).toMatch(/Broken link on \/: \/no-such-page\/ — no page at \/no-such-page\//);
    expect(error.message).toContain(reasons[0]!);
    // Nothing went live, nothing was recorded as deployed.
    expect(existsSync(join(loadConfig().stateDir, 'live', 'bakery', 'current'))).toBe(false);
    expect((await db.query('select count(*)::int as n from public.website_deployments'))[0]).toEqual({
      n: 0,
    });
    // The measurement is kept for the next attempt.
    const [site] = await db.query<{ lighthouse_scores: { passed: boolean } }>(
      `select lighthouse_scores from public.generated_websites w join public.users u on u.id = w.user_id where u.slug = 'bakery'`,
    );
    expect(site?.lighthouse_scores.passed).toBe(false);
  });

  it('publishes it with --force, recorded as forced with what was overridden', {
    timeout: 120_000,
  }, async () => {
    const result = await publish({ force: true, publishedBy: 'ops:test' });
    expect(result.forced).toBe(true);
    expect(result.scored_now).toBe(false);
    expect(result.overridden).toEqual(reasons);
    const [row] = await db.query<{
      forced: boolean;
      gate_failures: string[];
      status: string;
      published_by: string;
    }>('select forced, gate_failures, status, published_by from public.website_deployments');
    expect(row).toEqual({ forced: true, gate_failures: reasons, status: 'live', published_by: 'ops:test' });
    expect(
      readFileSync(join(loadConfig().stateDir, 'live', 'bakery', 'current', 'index.html'), 'utf8'),
    ).toContain('/no-such-page/');
  });
});
