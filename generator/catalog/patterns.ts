import Handlebars from 'handlebars';
import { list, phrase, possessive, sentence, title, withArticle } from './grammar.ts';

/**
 * The Handlebars environment for copy patterns. Output is plain text (Astro
 * escapes it when rendering), so patterns compile with `noEscape`; `strict`
 * makes a pattern that names a missing fact fail instead of printing nothing,
 * and the writer then tries the next pattern. Patterns are our own code, never
 * founder or model input.
 */
const hbs = Handlebars.create();

class SkipPattern extends Error {}

function str(value: unknown, helper: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new SkipPattern(`${helper}: empty value`);
  return value;
}

hbs.registerHelper('a', (v: unknown) => withArticle(str(v, 'a')));
hbs.registerHelper('possessive', (v: unknown) => {
  const p = possessive(str(v, 'possessive'));
  if (!p) throw new SkipPattern('possessive: name does not end in a letter');
  return p;
});
hbs.registerHelper('phrase', (v: unknown, options: Handlebars.HelperOptions) =>
  phrase(str(v, 'phrase'), (options.data?.root as { __names?: Set<string> } | undefined)?.__names),
);
hbs.registerHelper('sentence', (v: unknown) => sentence(str(v, 'sentence')));
hbs.registerHelper('title', (v: unknown) => title(str(v, 'title')));
hbs.registerHelper('list', (v: unknown) => {
  if (!Array.isArray(v) || v.length === 0) throw new SkipPattern('list: empty');
  return list(v.map(String));
});

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a pattern with `data`; undefined when the pattern needs something `data` lacks. */
export function renderPattern(pattern: string, data: object): string | undefined {
  let template = cache.get(pattern);
  if (!template) {
    template = hbs.compile(pattern, { noEscape: true, strict: true, knownHelpersOnly: false });
    cache.set(pattern, template);
  }
  try {
    return template(data)
      .replace(/\s+/g, ' ')
      .replace(/\s+([,.;:!?])/g, '$1')
      .trim();
  } catch (error) {
    if (error instanceof SkipPattern) return undefined;
    if (error instanceof Error && /not defined in|Cannot read/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Handlebars' own compiler front end, which its `precompile` runs before it writes JavaScript: it raises
 * every error a pattern can have at compile time. Not in Handlebars' type declarations.
 */
const { Compiler } = hbs as unknown as {
  Compiler: new () => { compile(program: hbs.AST.Program, options: CompileOptions): unknown };
};

/**
 * Validates that a pattern compiles (used when sections are loaded): parsed and compiled to Handlebars'
 * opcodes, as `precompile` does, without writing the JavaScript (with source maps) that `precompile` then
 * wrote for every pattern of the catalogue and threw away: ~90 ms of every cold `generate`.
 */
export function checkPattern(pattern: string): string | undefined {
  try {
    new Compiler().compile(hbs.parse(pattern), { noEscape: true, strict: true, data: true });
    if (pattern.includes('{{{')) return 'triple-stash {{{ }}} is not allowed in copy patterns';
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}
