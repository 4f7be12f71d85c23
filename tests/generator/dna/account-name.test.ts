import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import { asService } from '../../../generator/db/roles.ts';
import { parseBundle } from '../../../generator/dna/bundle-file.ts';
import { loadBundleFromDb } from '../../../generator/stages/load-dna.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

it('a DNA bundle file without a business name takes the account’s', () => {
  const file = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  delete raw.dream_dna_truth.business_name;
  const bundle = parseBundle(raw, dirname(file), file);
  expect(bundle.truth.business_name).toBe(raw.users.business_name);
  // A truth that has one keeps its own.
  raw.dream_dna_truth.business_name = 'Rosa’s';
  expect(parseBundle(raw, dirname(file), file).truth.business_name).toBe('Rosa’s');
});

it('stored DNA without a business name takes the account’s', async () => {
  const db = await openTestDatabase();
  try {
    await db.query(
      `update public.dream_dna_truth set business_name = null
        where user_id = (select id from public.users where slug = 'bakery')`,
    );
    const bundle = await asService(db, (tx) => loadBundleFromDb(tx, 'bakery'));
    expect(bundle.truth.business_name).toBe(bundle.user.business_name);
    expect(bundle.truth.business_name).toBeTruthy();
  } finally {
    await db.close();
  }
});
