import { describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { withDatabase } from '../../../generator/db/open.ts';

/** withDatabase: the `opening` hook runs while the database opens, and the database is closed whatever happens. */
describe('withDatabase', { timeout: 60_000 }, () => {
  it('calls `opening` once the database has begun to open, before `fn` gets it, then closes it', async () => {
    const order: string[] = [];
    let seen: Database | undefined;
    const value = await withDatabase(
      async (db) => {
        order.push('fn');
        seen = db;
        return (await db.query<{ one: number }>('select 1 as one'))[0]!.one;
      },
      { kind: 'pglite-memory' },
      undefined,
      { opening: () => order.push('opening') },
    );
    expect(value).toBe(1);
    expect(order).toEqual(['opening', 'fn']);
    await expect(seen!.query('select 1')).rejects.toThrow();
  });

  it('a hook that throws fails the call and still closes the database it began to open', async () => {
    await expect(
      withDatabase(async () => 'never', { kind: 'pglite-memory' }, undefined, {
        opening: () => {
          throw new Error('hook failed');
        },
      }),
    ).rejects.toThrow('hook failed');
  });
});
