import { describe, expect, it } from 'vitest';
import { type Check, type Finding, finding } from '../../../generator/score/check.ts';
import { gateFailures } from '../../../generator/score/gate.ts';

/**
 * The gate knows no check by name: it lists every error finding, check by check
 * in the order given, kind by kind in the order each check declares them, the
 * first five of a kind and a count of the rest (or all, for a kind that lists
 * all); warnings block nothing.
 */
const many = (id: string, n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => finding(id, `/p${i}/`, `${id} ${i + 1}`));

describe('the gate', () => {
  it('lists errors check by check and kind by kind, five of a kind, then counts the rest', () => {
    const checks: Pick<Check, 'id' | 'kinds'>[] = [
      { id: 'first', kinds: { a: { plural: 'a-problems' }, b: { listAll: true } } },
      { id: 'second', kinds: { c: { plural: 'c-problems' } } },
    ];
    const reasons = gateFailures(checks, {
      // Emitted out of kind order; the gate lists them in the declared one.
      first: { findings: [...many('b', 6), ...many('a', 7)] },
      second: {
        findings: [
          finding('c', null, 'c blocks'),
          finding('c', null, 'c only warns', { severity: 'warning' }),
        ],
      },
    });
    expect(reasons).toEqual([
      'a 1',
      'a 2',
      'a 3',
      'a 4',
      'a 5',
      '… and 2 more a-problems (see the score report).',
      'b 1',
      'b 2',
      'b 3',
      'b 4',
      'b 5',
      'b 6',
      'c blocks',
    ]);
  });

  it('has no reason for a check that found nothing, or did not run', () => {
    expect(
      gateFailures(
        [
          { id: 'quiet', kinds: { a: { plural: 'as' } } },
          { id: 'absent', kinds: { a: { plural: 'as' } } },
        ],
        {
          quiet: { findings: [] },
        },
      ),
    ).toEqual([]);
  });
});
