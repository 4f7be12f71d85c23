import { describe, expect, it } from 'vitest';
import { locateError } from '../../../generator/designers/error-location.ts';

/** The file and line `templates dev` shows for an error, from what Astro, Vite and Node put on it. */
describe('locateError', () => {
  it('reads Astro/Vite `loc` through the causes', () => {
    const astro = Object.assign(new Error('Expected ">" but found "("'), {
      loc: { file: '/repo/sections/hero/banner.astro', line: 56, column: 7 },
    });
    const wrapped = new Error('The Astro build of bakery failed', { cause: astro });
    expect(locateError(wrapped)).toEqual({
      message: 'The Astro build of bakery failed — Expected ">" but found "("',
      file: '/repo/sections/hero/banner.astro',
      line: 56,
      column: 7,
    });
  });

  it("reads Node's syntax error position, past the fresh catalogue's ?v= query", () => {
    const error = new SyntaxError('Expression expected');
    error.stack = `file:///repo/sections/hero/section.ts?v=1733200000000.5-4211:186\nexport const broken = ;\n                      ^\n\nSyntaxError: Expression expected\n    at parseTypeScript (node:internal/modules/typescript:72:36)`;
    expect(locateError(error)).toMatchObject({
      file: '/repo/sections/hero/section.ts',
      line: 186,
      column: null,
    });
  });

  it('prefers a frame in the catalogue over the generator that called it', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'name')");
    error.stack = `TypeError: x\n    at compose (/repo/generator/stages/write-sections.ts:40:3)\n    at compose (/repo/sections/about/section.ts:12:9)`;
    expect(locateError(error, ['/repo/sections'])).toMatchObject({
      file: '/repo/sections/about/section.ts',
      line: 12,
      column: 9,
    });
    expect(locateError(error)).toMatchObject({ file: '/repo/generator/stages/write-sections.ts', line: 40 });
  });

  it('says so when nothing names a place', () => {
    expect(locateError('just text')).toEqual({ message: 'just text', file: null, line: null, column: null });
  });
});
