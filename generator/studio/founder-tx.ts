import type { Context } from 'hono';
import type { Queryable } from '../db/database.ts';
import { asFounder } from '../db/roles.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';

/** Runs `fn` in a transaction as the signed-in founder: Row Level Security decides what it sees. */
export function asSignedIn<T>(
  ctx: StudioContext,
  c: Context<StudioEnv>,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return asFounder(ctx.deps.db, c.get('founder').authUserId, fn);
}

/** Dates as the studio shows them: `2026-12-03 05:10 UTC`. */
export function when(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
