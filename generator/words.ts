/**
 * Words for comparing, never for showing: the one word normaliser and the one
 * stemmer the generator uses. Section helpers compare labels with them
 * (`catalog/section-kit.ts`), the AI answer check compares sentences
 * (`writers/grammar.ts`), and the DNA vocabulary reads classifier labels
 * (`dna/vocabulary.ts`). Pure functions with no imports, so every floor may
 * use them.
 */

/** Lower-cased, every run of characters that are not letters or digits made one space, trimmed. */
export function plainWords(text: string, options: { keepHyphens?: boolean } = {}): string {
  return text
    .toLowerCase()
    .replace(options.keepHyphens ? /[^\p{L}\p{N}-]+/gu : /[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The text without accents and with compatibility forms unfolded ("Café ﬁne" → "Cafe fine"). */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * A word without its usual English endings, for matching "offers" with "offer"
 * or "services" with "service". Words of three letters or fewer keep their
 * ending. Not a linguist's stemmer: both sides of a comparison go through it.
 */
export function stem(word: string): string {
  return word
    .replace(/(?<=\p{L}{3})ly$/u, '')
    .replace(/(?<=\p{L}{3})(?:ence|ent|ing|ed|es|s)$/u, '')
    .replace(/(?<=\p{L}{3})e$/u, '');
}
