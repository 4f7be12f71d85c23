import type { GridCell } from './grid.ts';
import type { Finding } from './lint-finding.ts';

/**
 * The contact sheet (`index.html`): one row per template × founder, phone and
 * desktop side by side; each cell with its byte sizes and its template's lint
 * findings; with a revision to compare, before / after / diff and the changed
 * pixel count, changed cells flagged. Plain HTML and CSS, no script.
 */
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export interface SheetInput {
  cells: GridCell[];
  against: { rev: string; commit: string } | null;
  generated_at: string;
  duration_ms: number;
}

function lintBlock(findings: Finding[]): string {
  if (!findings.length) return '<p class="lint ok">lint: no findings</p>';
  return `<ul class="lint">${findings
    .map(
      (f) =>
        `<li class="${f.severity}"><b>${esc(f.id)}</b> ${esc(f.severity)}${f.file ? ` <code>${esc(f.file)}${f.line ? `:${f.line}` : ''}</code>` : ''}: ${esc(f.message)}${f.hint ? ` <i>${esc(f.hint)}</i>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

function shot(cell: GridCell, viewport: 'phone' | 'desktop'): string {
  const s = cell.shots[viewport];
  if (!s.after) return `<div class="shot missing">not built: ${esc(cell.error ?? 'no screenshot')}</div>`;
  const img = (src: string, alt: string) =>
    `<a href="${esc(src)}"><img src="${esc(src)}" alt="${esc(alt)}" loading="lazy" width="${viewport === 'phone' ? 195 : 320}"></a>`;
  if (!s.before)
    return `<div class="shot">${img(s.after, `${cell.template} for ${cell.founder}, ${viewport}`)}</div>`;
  const changed = (s.diff?.changed_pixels ?? 0) > 0;
  return `<div class="shot compare${changed ? ' changed' : ''}">
<figure>${img(s.before, 'before')}<figcaption>before</figcaption></figure>
<figure>${img(s.after, 'after')}<figcaption>after</figcaption></figure>
${s.diff_image ? `<figure>${img(s.diff_image, 'pixel diff')}<figcaption>${s.diff ? `${s.diff.changed_pixels.toLocaleString('en')} px changed${s.diff.size_changed ? ', size changed' : ''}` : 'no before'}</figcaption></figure>` : ''}
</div>`;
}

export function contactSheet(input: SheetInput): string {
  const changed = input.cells.filter((c) => c.changed).length;
  const rows = input.cells
    .map((c) => {
      const b = c.bytes;
      const before = c.bytes_before;
      const sizes = b
        ? `home ${kib(b.home_html)} · css ${kib(b.css)} · site ${kib(b.total)} (${b.files} files)${before ? ` <span class="was">before: home ${kib(before.home_html)} · site ${kib(before.total)}</span>` : ''}`
        : 'not built';
      return `<tr class="${c.changed ? 'changed' : ''}${c.error ? ' failed' : ''}" id="${esc(c.template)}--${esc(c.founder)}">
<th scope="row"><span class="t">${esc(c.template)}</span><br><span class="f">${esc(c.founder)}</span>${c.changed ? '<br><strong class="flag">changed</strong>' : ''}
<p class="bytes">${sizes}</p>${c.error ? `<p class="error">${esc(c.error)}</p>` : ''}${lintBlock(c.lint)}</th>
<td>${shot(c, 'phone')}</td><td>${shot(c, 'desktop')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>dreamseed templates grid</title>
<style>
body{font:14px system-ui,sans-serif;margin:16px;color:#1d232b}
table{border-collapse:collapse}
th,td{border:1px solid #c9d0d8;vertical-align:top;padding:8px;text-align:left}
th[scope=row]{width:260px}
.t{font-weight:700}.f{color:#4a5563}
tr.changed th{background:#fff4d6}.flag{color:#9a5b00}
tr.failed th{background:#ffecec}.error{color:#a11}
.bytes{font-size:12px;color:#333}.was{display:block;color:#666}
.lint{font-size:12px;margin:4px 0;padding-left:16px}.lint.none{color:#666;font-style:italic;padding:0}
.lint .error{color:#a11}.lint .warning{color:#8a5a00}
.shot img{border:1px solid #ddd;display:block}
.compare{display:flex;gap:6px}.compare figure{margin:0}.compare figcaption{font-size:12px}
.compare.changed figure:last-child figcaption{color:#9a5b00;font-weight:700}
</style></head><body>
<h1>Templates × demo founders</h1>
<p>${input.cells.length} cells${input.against ? ` · compared with <code>${esc(input.against.rev)}</code> (${esc(input.against.commit.slice(0, 12))}): ${changed} changed` : ''} · made ${esc(input.generated_at)} in ${(input.duration_ms / 1000).toFixed(1)} s</p>
<table><thead><tr><th scope="col">template · founder</th><th scope="col">phone (390 px)</th><th scope="col">desktop (1280 px)</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
