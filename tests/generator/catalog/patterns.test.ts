import { describe, expect, it } from 'vitest';
import { checkPattern, renderPattern } from '../../../generator/catalog/patterns.ts';

/**
 * Copy patterns: `checkPattern` finds every error a pattern can have before it
 * is used (parse errors, mismatched blocks, invalid paths, the triple-stash),
 * and `renderPattern` renders plain text, or nothing when a fact is missing.
 */
describe('checkPattern', () => {
  it('accepts the patterns the catalogue writes', () => {
    for (const ok of [
      '{{business_name}} bakes bread.',
      '{{#if city}}In {{city}}.{{/if}}',
      '{{#each services}}{{this}}{{/each}}',
      '{{#with owner as |o|}}{{o}}{{/with}}',
      '{{a business_type}} in {{title city}}',
      '{{../name}}',
    ])
      expect(checkPattern(ok), ok).toBeUndefined();
  });

  it('names what is wrong with a pattern that cannot compile', () => {
    expect(checkPattern('{{#if a}}unclosed')).toMatch(/^Parse error/);
    expect(checkPattern('{{a b=}}')).toMatch(/^Parse error/);
    expect(checkPattern('{{#each a}}{{/if}}')).toMatch(/each doesn't match if/);
    expect(checkPattern('{{a/../b}}')).toMatch(/^Invalid path: a\/\.\./);
    // Raised by Handlebars' compiler, after the pattern parsed.
    expect(checkPattern('{{> card a b}}')).toMatch(/^Unsupported number of partial arguments: 2/);
    expect(checkPattern('{{{business_name}}}')).toMatch(/triple-stash/);
  });
});

describe('renderPattern', () => {
  it('renders plain text with the grammar helpers, and nothing for a missing fact', () => {
    expect(
      renderPattern('{{business_name}} , in {{title city}} .', { business_name: 'Rosa', city: 'lyon' }),
    ).toBe('Rosa, in Lyon.');
    expect(renderPattern('{{a business_type}}', { business_type: 'bakery' })).toBe('a bakery');
    expect(renderPattern('In {{city}}.', { business_name: 'Rosa' })).toBeUndefined();
    expect(renderPattern('{{list services}}', { services: [] })).toBeUndefined();
  });
});
