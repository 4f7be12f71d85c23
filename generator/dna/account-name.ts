import type { DnaTruth, DnaUser } from './schema.ts';

/**
 * The business's name is a fact in two places: the DNA truth (what the calls
 * established) and the account (`users.business_name`, typed by the founder at
 * sign-up). A truth without one takes the account's, so a site always has its
 * name: in the header, the footer, the hero and the page titles.
 */
export function withAccountName(truth: DnaTruth, user: Pick<DnaUser, 'business_name'>): DnaTruth {
  if (truth.business_name?.trim() || !user.business_name?.trim()) return truth;
  return { ...truth, business_name: user.business_name.trim() };
}
