import type { Command } from 'commander';
import { openDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { info, printJson, printTable } from './output.ts';

export interface DemoFounder {
  slug: string;
  user_id: string;
  business_name: string | null;
  archetype: string | null;
  vertical: string | null;
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('the seeded demo founders');
  demo
    .command('list')
    .description('seeded founders: slug, user id, business name, archetype')
    .option('--json', 'print the founders as JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDatabase();
      try {
        const founders = await asService(db, (tx) =>
          tx.query<DemoFounder>(
            `select u.slug, u.id as user_id, coalesce(t.business_name, u.business_name) as business_name,
                    d.business_archetype as archetype, d.industry_vertical as vertical
               from public.users u
               left join public.dream_dna_truth t on t.user_id = u.id
               left join public.dream_dna_type d on d.user_id = u.id
              order by u.slug`,
          ),
        );
        if (opts.json) printJson(founders);
        else if (founders.length === 0)
          info('No founders yet. Run `dreamseed db reset` to load the demo founders.');
        else
          printTable(founders as unknown as Record<string, unknown>[], [
            'slug',
            'user_id',
            'business_name',
            'archetype',
          ]);
      } finally {
        await db.close();
      }
    });
}
