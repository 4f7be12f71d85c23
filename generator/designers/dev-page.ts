import type { DevSelection } from './dev-render.ts';

/**
 * The page `templates dev` serves at `/`: a toolbar (template, founder,
 * viewport, palette option), the rendered site in a frame, and the last
 * render's time or its error with file and line. Its small script (the only
 * script; it lives in this page, never in a generated site) listens to
 * `/events` (server-sent events) and reloads the frame after each render.
 */
export interface DevPageInput {
  selection: DevSelection;
  templates: string[];
  founders: string[];
  palettes: number;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const options = (values: string[], selected: string, label = (v: string) => v) =>
  values
    .map((v) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(label(v))}</option>`)
    .join('');

export function devPage(input: DevPageInput): string {
  const { selection } = input;
  const palettes = Array.from({ length: input.palettes }, (_, i) => String(i));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dreamseed dev · ${esc(selection.template)}</title>
<style>
body{margin:0;font:14px system-ui,sans-serif;background:#eceff3;color:#1d232b}
header{display:flex;gap:12px;align-items:center;flex-wrap:wrap;padding:8px 12px;background:#1d232b;color:#fff}
header label{display:flex;gap:6px;align-items:center}
select,button{font:inherit}
button[aria-pressed=true]{font-weight:700;outline:2px solid #7bb3ff}
#status{margin-left:auto;font-variant-numeric:tabular-nums}
main{display:flex;justify-content:center;padding:12px}
iframe{border:1px solid #9aa4b1;background:#fff;height:calc(100vh - 90px);width:100%;transition:width .2s}
iframe.phone{width:390px}
#error{display:none;white-space:pre-wrap;margin:12px;padding:12px 16px;background:#fff0f0;border:2px solid #c62828;color:#5b0c0c;font:13px ui-monospace,monospace}
#error.shown{display:block}
</style></head><body>
<header>
<strong>dreamseed dev</strong>
<label>template <select id="template">${options(input.templates, selection.template)}</select></label>
<label>founder <select id="founder">${options(input.founders, selection.founder)}</select></label>
<label>palette <select id="palette">${options(palettes, String(selection.palette), (v) => `option ${Number(v) + 1}`)}</select></label>
<span>viewport <button id="phone" aria-pressed="false">phone 390</button> <button id="desktop" aria-pressed="true">desktop</button></span>
<span id="status" role="status">rendering…</span>
</header>
<pre id="error" role="alert"></pre>
<main><iframe id="site" title="the rendered site" src="/site/"></iframe></main>
<script>
const $ = (id) => document.getElementById(id);
const frame = $('site');
function viewport(phone) {
  frame.classList.toggle('phone', phone);
  $('phone').setAttribute('aria-pressed', String(phone));
  $('desktop').setAttribute('aria-pressed', String(!phone));
}
$('phone').onclick = () => viewport(true);
$('desktop').onclick = () => viewport(false);
for (const id of ['template', 'founder', 'palette'])
  $(id).onchange = () => {
    $('status').textContent = 'rendering…';
    fetch('/select', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: $('template').value, founder: $('founder').value, palette: Number($('palette').value) }) });
  };
const events = new EventSource('/events');
events.addEventListener('render', (e) => {
  const r = JSON.parse(e.data);
  window.__lastRender = r;
  const err = $('error');
  if (r.ok) {
    err.classList.remove('shown');
    $('status').textContent = 'rendered in ' + r.ms + ' ms' + (r.since_change_ms != null ? ' (' + r.since_change_ms + ' ms after the change)' : '');
    let path = '/site/';
    try { path = frame.contentWindow.location.pathname; } catch {}
    frame.src = path.startsWith('/site/') ? path : '/site/';
  } else {
    err.textContent = (r.error.file ? r.error.file + (r.error.line ? ':' + r.error.line + (r.error.column ? ':' + r.error.column : '') : '') + '\\n' : '') + r.error.message;
    err.classList.add('shown');
    $('status').textContent = 'error (the last good render is shown)';
  }
  $('template').value = r.selection.template;
  $('founder').value = r.selection.founder;
  $('palette').value = String(r.selection.palette);
});
</script>
</body></html>`;
}
