import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { catalogue, errorKinds } from '../../generator/error-catalogue.ts';

const entries = Object.entries(catalogue);

describe('the error catalogue', () => {
  it('has the six kinds, usage and input exiting 2 and the rest 1 (no unused `internal`)', () => {
    expect(Object.fromEntries(Object.entries(errorKinds).map(([kind, k]) => [kind, k.exit]))).toEqual({
      usage: 2,
      input: 2,
      gate: 1,
      database: 1,
      build: 1,
      external: 1,
    });
  });

  it('gives every kind some code, and every code a kind', () => {
    const used = new Set(entries.map(([, e]) => e.kind));
    expect([...used].sort()).toEqual(Object.keys(errorKinds).sort());
  });

  it.each(entries)('%s has a real HTTP status consistent with its kind', (_code, entry) => {
    expect(STATUS_CODES[entry.http]).toBeDefined();
    if (errorKinds[entry.kind].caller) {
      // The caller's mistake (usage, input, a refusal by the gate): 4xx.
      expect(entry.http).toBeGreaterThanOrEqual(400);
      expect(entry.http).toBeLessThan(500);
    } else {
      // Our failure or an external service's: 5xx, or 409 when another run holds a lock or changed the thing.
      expect(entry.http === 409 || (entry.http >= 500 && entry.http < 600)).toBe(true);
    }
    if (entry.kind === 'external' && entry.http >= 500) expect([500, 502, 503, 504]).toContain(entry.http);
  });

  it('answers our failures with 409 only for a lock held or a build changed by another run', () => {
    const conflicts = entries.filter(([, e]) => e.http === 409 && !errorKinds[e.kind].caller).map(([c]) => c);
    expect(conflicts.sort()).toEqual(['BUILD_CHANGED', 'DB_LOCKED', 'DEPLOY_LOCKED']);
  });

  it.each(entries)('%s has a title, a meaning and a hint to document', (_code, entry) => {
    for (const text of [entry.title, entry.meaning, entry.hint])
      expect(text.trim().length).toBeGreaterThan(8);
    expect(entry.title).not.toMatch(/\.$/);
  });

  it('names codes in SCREAMING_SNAKE_CASE', () => {
    for (const [code] of entries) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });
});
