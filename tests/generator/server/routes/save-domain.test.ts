import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server-fixture.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const post = (body: unknown, token?: string) =>
  s.fetch('/api/save-domain', {
    method: 'POST',
    token,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('POST /api/save-domain', () => {
  it('writes dream_dna_truth first, records the probability, sets the canonical domain and requests a build', async () => {
    const bakery = s.founders.find((f) => f.slug === 'bakery')!;
    const res = await post({ domain: ' Rosa-Bakery.COM. ' }, await s.tokenFor('bakery'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      user_id: bakery.id,
      domain: 'rosa-bakery.com',
      canonical_url: 'https://rosa-bakery.com/',
      stored_in: 'dream_dna_truth',
      classification: 'kept',
    });
    const [truth] = await s.db.query<{ website_url: string; validated_fields: string[] }>(
      'select website_url, validated_fields from public.dream_dna_truth where user_id = $1',
      [bakery.id],
    );
    expect(truth!.website_url).toBe('https://rosa-bakery.com/');
    expect(truth!.validated_fields).toContain('website_url');
    const [history] = await s.db.query<{ n: number }>(
      `select count(*)::int as n from public.dream_dna_truth_history where user_id = $1`,
      [bakery.id],
    );
    expect(history!.n).toBeGreaterThan(0);
    const [prob] = await s.db.query<{ primary_interpretation: string; user_confirmed: boolean }>(
      `select primary_interpretation, user_confirmed from public.dream_dna_probability
        where user_id = $1 and field_name = 'website_url'`,
      [bakery.id],
    );
    expect(prob).toEqual({ primary_interpretation: 'https://rosa-bakery.com/', user_confirmed: true });
    const [site] = await s.db.query<{ custom_domain: string }>(
      'select custom_domain from public.generated_websites where user_id = $1',
      [bakery.id],
    );
    expect(site!.custom_domain).toBe('rosa-bakery.com');
    const changes = await s.db.query<{ refs: string[] }>(
      `select refs from public.site_build_changes where user_id = $1 and kind = 'setting'`,
      [bakery.id],
    );
    expect(changes.flatMap((c) => c.refs)).toContain('custom_domain');
    // The legacy table is not touched when a v2 record exists.
    expect(await s.db.query('select 1 from public.dream_dna where user_id = $1', [bakery.id])).toHaveLength(
      0,
    );
  });

  it('falls back to the legacy dream_dna for a founder with no v2 record, and creates the classification', async () => {
    await s.db.query(
      `insert into auth.users (id, email) values ('5ace0000-0000-4000-8000-000000000001', 'lee@oldshop.example')`,
    );
    const [legacy] = await s.db.query<{ id: string }>(
      `insert into public.users (auth_user_id, slug, customer_name, business_name)
       values ('5ace0000-0000-4000-8000-000000000001', 'legacy-founder', 'Lee Gacy', 'Old Shop') returning id`,
    );
    const { issueLocalToken } = await import('../../../../generator/server/auth/issue-local-token.ts');
    const token = await issueLocalToken('5ace0000-0000-4000-8000-000000000001', { stateDir: s.home });
    const res = await post({ domain: 'oldshop.co.uk' }, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored_in: 'dream_dna', classification: 'created' });
    const rows = await s.db.query<{ domain_name: string; business_name: string }>(
      'select domain_name, business_name from public.dream_dna where user_id = $1',
      [legacy!.id],
    );
    expect(rows).toEqual([{ domain_name: 'oldshop.co.uk', business_name: 'Old Shop' }]);
    expect(
      await s.db.query('select 1 from public.dream_dna_truth where user_id = $1', [legacy!.id]),
    ).toHaveLength(0);
    expect(
      await s.db.query('select 1 from public.dream_dna_type where user_id = $1', [legacy!.id]),
    ).toHaveLength(1);
    // A second choice updates the same legacy row.
    expect((await post({ domain: 'newshop.com' }, token)).status).toBe(200);
    expect(
      await s.db.query('select domain_name from public.dream_dna where user_id = $1', [legacy!.id]),
    ).toEqual([{ domain_name: 'newshop.com' }]);
  });

  it.each([
    ['no domain', {}, 'domain'],
    ['a number', { domain: 42 }, 'domain'],
    ['a URL', { domain: 'https://example.com/shop' }, 'domain'],
    ['no top-level domain', { domain: 'localhost' }, 'domain'],
    ['an unknown key', { domain: 'example.com', admin: true }, 'admin'],
    ['a user_id that is no UUID', { domain: 'example.com', user_id: 'bakery' }, 'user_id'],
  ])('refuses %s with 422 naming the field, and writes nothing', async (_, body, field) => {
    const token = await s.tokenFor('dog-groomer');
    const res = await post(body, token);
    expect(res.status).toBe(422);
    const err = ((await res.json()) as { error: { code: string; message: string; hint: string } }).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain(field);
    const dog = s.founders.find((f) => f.slug === 'dog-groomer')!;
    expect(
      await s.db.query(
        'select 1 from public.generated_websites where user_id = $1 and custom_domain is not null',
        [dog.id],
      ),
    ).toHaveLength(0);
  });

  it('refuses malformed JSON (4xx) and a body over the limit (413)', async () => {
    const token = await s.tokenFor('dog-groomer');
    const bad = await post('{"domain":', token);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBeTruthy();
    const big = await post({ domain: 'example.com', pad: 'x'.repeat(200_000) }, token);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
  });

  it('the service role names the founder and is logged as a service call', async () => {
    const dog = s.founders.find((f) => f.slug === 'dog-groomer')!;
    const res = await post(
      { domain: 'happy-paws.dog', user_id: dog.id },
      'service-role-key-for-tests-0123456789',
    );
    expect(res.status).toBe(200);
    expect(
      s.log.some((l) => l.startsWith('service call: POST /api/save-domain for founder dog-groomer')),
    ).toBe(true);
  });
});
