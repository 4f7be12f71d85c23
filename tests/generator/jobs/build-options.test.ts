import { describe, expect, it } from 'vitest';
import { optionRefs, optionsFromChanges } from '../../../generator/jobs/build-options.ts';
import type { ChangeRow } from '../../../generator/jobs/changes.ts';

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 6, 0, s));
const request = (refs: string[], s: number): ChangeRow => ({
  kind: 'setting',
  refs,
  operation: 'update',
  actor: 'service_role',
  created_at: at(s),
});

describe('build options in the change log', () => {
  it('round-trips a request’s options through its refs', () => {
    const refs = optionRefs({
      template: 'wellness',
      writer: 'openai',
      regenerate: [
        { page: '', key: 'hero' },
        { page: 'about', key: 'about' },
      ],
    });
    expect(refs).toEqual([
      'build_requested',
      'template=wellness',
      'writer=openai',
      'regenerate=#hero',
      'regenerate=about#about',
    ]);
    expect(optionsFromChanges([request(refs, 1)])).toEqual({
      template: 'wellness',
      writer: 'openai',
      regenerate: [
        { page: '', key: 'hero' },
        { page: 'about', key: 'about' },
      ],
    });
  });

  it('has none for edits and plain requests; the latest template and writer win, sections add up', () => {
    const edit: ChangeRow = {
      kind: 'field',
      refs: ['tagline'],
      operation: 'update',
      actor: 'x',
      created_at: at(0),
    };
    expect(optionsFromChanges([edit, request(optionRefs(), 2)])).toBeUndefined();
    const later = request(
      optionRefs({ template: 'professional', regenerate: [{ page: '', key: 'cta' }] }),
      5,
    );
    const earlier = request(
      optionRefs({ template: 'wellness', writer: 'offline', regenerate: [{ page: '', key: 'hero' }] }),
      3,
    );
    expect(optionsFromChanges([later, edit, earlier])).toEqual({
      template: 'professional',
      writer: 'offline',
      regenerate: [
        { page: '', key: 'hero' },
        { page: '', key: 'cta' },
      ],
    });
    // A setting change that is not a build request (a palette pick) carries no options.
    expect(optionsFromChanges([{ ...edit, kind: 'setting', refs: ['selected_palette'] }])).toBeUndefined();
  });
});
