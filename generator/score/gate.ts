import type { Check, Finding } from './check.ts';

/**
 * The reasons a measured build misses the bar to go live, each worded as what
 * to fix: every `error` finding of every check, check by check (in `order`),
 * kind by kind (in the order the check declares its kinds). A kind lists its
 * first five and counts the rest, unless it lists all. Warnings block nothing.
 * The bars themselves belong to the checks.
 */
const MAX_LISTED = 5;

export function gateFailures(
  checks: Pick<Check, 'id' | 'kinds'>[],
  outcomes: Record<string, { findings: Finding[] } | undefined>,
): string[] {
  const out: string[] = [];
  for (const check of checks) {
    const errors = (outcomes[check.id]?.findings ?? []).filter((f) => f.severity === 'error');
    for (const [kind, listing] of Object.entries(check.kinds)) {
      const found = errors.filter((f) => f.id === kind).map((f) => f.message);
      if ('listAll' in listing) {
        out.push(...found);
        continue;
      }
      out.push(...found.slice(0, MAX_LISTED));
      if (found.length > MAX_LISTED)
        out.push(`… and ${found.length - MAX_LISTED} more ${listing.plural} (see the score report).`);
    }
  }
  return out;
}
