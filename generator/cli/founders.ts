import { addFounder } from '../founders/add-founder.ts';
import { listFounders } from '../founders/list-founders.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, printTable } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed founders add` (declared in commands/founders.ts). */
export async function add(
  opts: JsonFlag & { businessName: string; name?: string; email?: string },
): Promise<void> {
  const founder = await withDb((db) =>
    addFounder(db, {
      business_name: opts.businessName,
      customer_name: opts.name ?? null,
      customer_email: opts.email ?? null,
    }),
  );
  printResult(opts, founder, () => {
    printTable([founder as unknown as Record<string, unknown>], ['slug', 'id', 'business_name']);
    info(`Next: dreamseed transcripts add --user ${founder.slug} --call 1 FILE`);
  });
}

export async function list(opts: JsonFlag): Promise<void> {
  const rows = await withDb((db) => listFounders(db));
  printResult(opts, rows, () => {
    if (!rows.length)
      return info('No founders yet. Add one with `dreamseed founders add --business-name NAME`.');
    printTable(rows as unknown as Record<string, unknown>[], [
      'slug',
      'user_id',
      'business_name',
      'calls',
      'dna_version',
    ]);
  });
}
