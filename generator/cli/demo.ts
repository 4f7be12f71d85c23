import { asService } from '../db/roles.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, printTable } from './output.ts';
import { withDb } from './with-db.ts';

export interface DemoFounder {
  slug: string;
  user_id: string;
  /** The founder's auth.users id (the `sub` of their access token; the local sign-in uses it). */
  auth_user_id: string | null;
  business_name: string | null;
  archetype: string | null;
  vertical: string | null;
}

/** `dreamseed demo list` (declared in commands/demo.ts). */
export async function list(opts: JsonFlag): Promise<void> {
  const founders = await withDb((db) =>
    asService(db, (tx) =>
      tx.query<DemoFounder>(
        `select u.slug, u.id as user_id, u.auth_user_id, coalesce(t.business_name, u.business_name) as business_name,
                d.business_archetype as archetype, d.industry_vertical as vertical
           from public.users u
           left join public.dream_dna_truth t on t.user_id = u.id
           left join public.dream_dna_type d on d.user_id = u.id
          order by u.slug`,
      ),
    ),
  );
  printResult(opts, founders, () => {
    if (founders.length === 0) info('No founders yet. Run `dreamseed db reset` to load the demo founders.');
    else
      printTable(founders as unknown as Record<string, unknown>[], [
        'slug',
        'user_id',
        'business_name',
        'archetype',
      ]);
  });
}
