/**
 * The Netlify `_headers` file format, which the build writes into every site:
 *
 *   /path-pattern
 *     Header-Name: value
 *
 * A pattern is a site path where `*` matches any rest of the path and `:name`
 * matches one path segment. A request gets the headers of every rule that
 * matches it, in file order; a header named by several rules gets their values
 * joined with ", " (as Netlify does). Lines starting with `#` are comments.
 */
export interface HeaderRule {
  pattern: string;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!/^\s/.test(raw) && line.startsWith('/')) {
      current = { pattern: line, headers: [] };
      rules.push(current);
      continue;
    }
    const colon = line.indexOf(':');
    if (!current || colon <= 0) {
      throw new Error(`_headers line ${index + 1} is neither a path nor "Name: value" under a path: ${line}`);
    }
    current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

export function patternMatches(pattern: string, path: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z_][a-zA-Z0-9_]*/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(path);
}

/** The headers a request for `path` gets, lower-cased names, in first-seen order. */
export function headersFor(rules: HeaderRule[], path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const existing = out.get(key);
      out.set(key, existing === undefined ? value : `${existing}, ${value}`);
    }
  }
  return out;
}
