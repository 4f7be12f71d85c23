import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * One thing `dreamseed templates lint` found: a stable rule id (the same id
 * every time the same mistake is made), how bad it is, where it is (the file,
 * relative to the catalogue's root, and the 1-based line), what is wrong and
 * how to fix it. `error` fails the lint (exit 1); `warning` is reported only.
 */
export interface Finding {
  /** Stable rule id: `section/undeclared-field`, `template/unknown-section`, `html/one-h1`, `css/contrast`… */
  id: string;
  severity: 'error' | 'warning';
  /** Relative to the catalogue root (the repository): `sections/hero/split.astro`, `templates/wellness/template.json`. */
  file: string;
  /** 1-based; 1 when the finding concerns the whole file. */
  line: number;
  message: string;
  hint: string;
  /** The template it was found for; absent for a section's own rule. */
  template?: string;
  /** The DNA it showed under: a demo founder's slug or an edge case (`edge:emoji`); absent when static. */
  case?: string;
}

/** The 1-based line of the first occurrence of `needle` in the file; 1 when absent. */
export function lineOf(path: string, needle: string | undefined, from = 0): number {
  if (!needle || !existsSync(path)) return 1;
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(needle, from);
  return at < 0 ? 1 : lineAt(text, at);
}

/** The 1-based line of character offset `at`. */
export function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A path as findings print it: relative to the catalogue's root, with forward slashes. */
export function displayFile(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}

/** Findings sorted (errors first, then by file and line) with exact duplicates dropped. */
export function tidyFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.id}|${f.file}|${f.line}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id),
  );
}
