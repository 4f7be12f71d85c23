/**
 * Where long words may break. Variants render these pieces with `<wbr>` or a
 * `.whole` span (`white-space: nowrap` in the variant's style).
 */

/** An e-mail address (or a label holding one) split after its @, so it wraps there (`<wbr>`) rather than mid-word. */
export function splitAtEmail(text: string): [string, string] {
  const i = text.lastIndexOf('@');
  return i < 0 ? [text, ''] : [text.slice(0, i + 1), text.slice(i + 1)];
}

/**
 * The text's words and the white space between them, each hyphenated word of
 * at most `maxLength` characters marked `whole`, so it is kept on one line
 * ("e-commerce" never ends a line on "e-", a price never on "8-").
 */
export function wholeWords(text: string, maxLength: number): { w: string; whole: boolean }[] {
  return text.split(/(\s+)/).map((w) => ({ w, whole: /\S-\S/.test(w) && w.length <= maxLength }));
}
