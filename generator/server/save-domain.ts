import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { writeFacts } from '../dna/write-facts.ts';
import type { Acting } from './founder-scope.ts';

/**
 * `POST /api/save-domain`, as the specification describes it ("tries dream_dna_truth first, falls
 * back to legacy dream_dna; creates business type classifications and probability records"):
 *
 * 1. a founder with a v2 record (`dream_dna_truth`): `website_url = https://<domain>/` through the
 *    `dna set` write path (history, validated by the founder, source `domain_selection`), under RLS
 *    as the founder for founder calls;
 * 2. no v2 record: the legacy `dream_dna` row gets `domain_name` and `domain_selected_at` (the
 *    latest row, or a new one);
 * 3. the classification record (`dream_dna_type`) is created when missing (kept otherwise: the
 *    classifier fills it), and the probability record of `website_url` says the founder chose
 *    this domain (confidence 1, confirmed, `primary`);
 * 4. the site's `custom_domain` is set, so its canonical URL becomes `https://<domain>/`
 *    (generator/pipeline.ts), and a build is requested so the preview follows.
 *
 * Steps 2–4 are bookkeeping founders have no grants for: they run as the service role, scoped to
 * the founder the request was authenticated for (founder-scope.ts).
 */
export interface DomainSaved {
  user_id: string;
  domain: string;
  canonical_url: string;
  stored_in: 'dream_dna_truth' | 'dream_dna';
  classification: 'created' | 'kept';
  probability: { field: string; confidence: number };
  build_requested: boolean;
}

export async function saveDomain(db: Database, acting: Acting, domain: string): Promise<DomainSaved> {
  const url = `https://${domain}/`;
  const userId = acting.userId;
  const [truth] = await asService(db, (tx) =>
    tx.query<{ id: string }>('select id from public.dream_dna_truth where user_id = $1', [userId]),
  );
  if (truth)
    await writeFacts(db, {
      user: userId,
      values: { website_url: url },
      source: 'domain_selection',
      actor: { kind: 'founder' },
    });
  return asService(db, async (tx) => {
    await tx.query(`select set_config('dreamseed.actor', 'api:save-domain', true)`);
    if (!truth) {
      const updated = await tx.query(
        `update public.dream_dna set domain_name = $2, domain_selected_at = now()
          where id = (select id from public.dream_dna where user_id = $1 order by created_at desc limit 1)
          returning id`,
        [userId, domain],
      );
      if (!updated.length)
        await tx.query(
          `insert into public.dream_dna (user_id, business_name, domain_name, domain_selected_at)
           select id, business_name, $2, now() from public.users where id = $1`,
          [userId, domain],
        );
    }
    const created = await tx.query(
      `insert into public.dream_dna_type (user_id, reasoning)
       select $1, 'Created at domain selection; the classifier fills it.'
        where not exists (select 1 from public.dream_dna_type where user_id = $1)
       returning id`,
      [userId],
    );
    await tx.query(
      `insert into public.dream_dna_probability
         (user_id, field_name, primary_interpretation, primary_confidence, reasoning,
          user_confirmed, user_selected, confirmed_at)
       values ($1, 'website_url', $2, 1, 'The founder chose this domain (save-domain).', true, 'primary', now())
       on conflict (user_id, field_name) do update set
         primary_interpretation = excluded.primary_interpretation, primary_confidence = 1,
         reasoning = excluded.reasoning, user_confirmed = true, user_selected = 'primary', confirmed_at = now()`,
      [userId, url],
    );
    const site = await tx.query(
      `update public.generated_websites set custom_domain = $2, domain_selected_at = now()
        where user_id = $1 returning id`,
      [userId, domain],
    );
    if (!site.length)
      await tx.query(
        `insert into public.generated_websites (user_id, site_slug, custom_domain, domain_selected_at)
         values ($1, $2, $3, now())`,
        [userId, acting.slug, domain],
      );
    await tx.query(
      `select public.request_site_build($1::uuid, 'setting', array['custom_domain'], 'update')`,
      [userId],
    );
    return {
      user_id: userId,
      domain,
      canonical_url: url,
      stored_in: truth ? 'dream_dna_truth' : 'dream_dna',
      classification: created.length ? 'created' : 'kept',
      probability: { field: 'website_url', confidence: 1 },
      build_requested: true,
    };
  });
}
