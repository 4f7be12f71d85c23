import { fileURLToPath } from 'node:url';

/**
 * Where an error happened, for a designer: the first file and line an error
 * (or its causes) names, preferring the catalogue's own folders (a template,
 * section or theme file) over the generator's. Astro and Vite give `loc`
 * (`{ file, line, column }`); Node's syntax and runtime errors name
 * `file:///…:line:column` in their stack.
 */
export interface ErrorLocation {
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

// A path (or file URL, maybe with a `?v=` query: the fresh catalogue's imports), then `:line[:column]`.
const AT =
  /((?:file:\/\/)?\/[^\s:()'"`?]+\.(?:ts|astro|css|mjs|js|json|hbs|md))(?:\?[^\s:]*)?:(\d+)(?::(\d+))?/g;

export function locateError(error: unknown, prefer: readonly string[] = []): ErrorLocation {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  const message = chain
    .map((e) => (e instanceof Error ? e.message : String(e)))
    .filter((m, i, all) => m && all.indexOf(m) === i)
    .join(' — ');
  // A compiler's `loc` first (it is the position of the problem), then the places the stacks name.
  const found: { file: string; line: number; column: number | null }[] = [];
  for (const e of chain) {
    const loc = (e as { loc?: { file?: string; line?: number; column?: number } }).loc;
    const file = loc?.file ?? (e as { id?: string }).id;
    if (file && loc?.line) found.push({ file, line: loc.line, column: loc.column ?? null });
  }
  for (const e of chain) {
    const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    for (const m of text.matchAll(AT)) {
      const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
      found.push({ file, line: Number(m[2]), column: m[3] ? Number(m[3]) : null });
    }
  }
  const pick =
    found.find((f) => prefer.some((root) => f.file.startsWith(root)) && !f.file.includes('node_modules')) ??
    found.find((f) => !f.file.includes('node_modules')) ??
    found[0];
  return { message, file: pick?.file ?? null, line: pick?.line ?? null, column: pick?.column ?? null };
}
