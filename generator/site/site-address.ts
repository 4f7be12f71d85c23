import type { Queryable } from '../db/database.ts';

/**
 * The address a founder's site is canonical at: `https://<custom_domain>/` once they chose a
 * domain (`POST /api/save-domain`, `generated_websites.custom_domain`), else the configured
 * address for its slug (DREAMSEED_SITE_URL). Canonical links, the sitemap, JSON-LD and social
 * previews all derive from it.
 */
export async function chosenDomain(tx: Queryable, userId: string): Promise<string | null> {
  const [row] = await tx.query<{ custom_domain: string | null }>(
    `select custom_domain from public.generated_websites
      where user_id = $1 and custom_domain is not null
      order by domain_selected_at desc nulls last limit 1`,
    [userId],
  );
  return row?.custom_domain ?? null;
}

export function siteAddress(domain: string | null, fallback: string): string {
  return domain ? `https://${domain}/` : fallback;
}
