/**
 * The studio's one stylesheet, inlined in every page (about 3 KB): system
 * fonts, no framework, readable at 390 px, a focus ring on everything
 * focusable, colours with at least 4.5:1 contrast.
 */
export const STUDIO_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f6f4}
a{color:#0b57a4}
:focus-visible{outline:3px solid #b3400b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{left:.5rem}
header.top{background:#17324d;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header.top a{color:#fff}
header.top .brand{font-weight:700;text-decoration:none;margin-right:auto}
nav.areas ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav.areas a{display:inline-block;padding:.4rem .6rem;border-radius:4px;text-decoration:none}
nav.areas a[aria-current=page]{background:#fff;color:#17324d;font-weight:600}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.card{background:#fff;border:1px solid #d0d0cc;border-radius:6px;padding:1rem;margin:0 0 1rem}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
.notice{border-left:4px solid #1d7a3a;background:#e9f6ee;padding:.75rem 1rem;margin:0 0 1rem}
.notice.error{border-color:#b00020;background:#fdecee}
.notice.warn{border-color:#8a5a00;background:#fff4dc}
.local{border:2px dashed #8a5a00;background:#fff4dc;padding:.75rem 1rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input[type=text],input[type=url],input[type=email],input[type=number],input[type=file],textarea,select{width:100%;max-width:40rem;font:inherit;padding:.45rem .5rem;border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1a1a1a}
textarea{min-height:5rem}
[aria-invalid=true]{border-color:#b00020;border-width:2px}
.field-error{color:#b00020;margin:.25rem 0 0;font-weight:600}
.hint{color:#4a4a4a;margin:.25rem 0 0;font-size:.9rem}
button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid #17324d;background:#17324d;color:#fff;cursor:pointer;min-height:2.5rem}
button.secondary{background:#fff;color:#17324d}
button.danger{background:#fff;color:#b00020;border-color:#b00020}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.actions form{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d0d0cc;vertical-align:top}
.scroll{overflow-x:auto}
.status{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.status.approved,.status.live,.status.done,.status.passed{color:#1d6b34}
.status.draft,.status.waiting,.status.building,.status.debouncing{color:#5a4a00}
.status.rejected,.status.needs_input,.status.failed,.status.dead{color:#b00020}
.previews{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.previews figure{margin:0}
.previews iframe{border:1px solid #6b6b6b;background:#fff;display:block}
.phone{width:390px;max-width:100%;height:760px}
.desktop{width:1100px;max-width:100%;height:760px}
.swatches{display:flex;flex-wrap:wrap;gap:.25rem;margin:.5rem 0}
.swatch{display:inline-flex;flex-direction:column;align-items:center;font-size:.8rem}
.swatch span:first-child{width:3rem;height:2rem;border:1px solid #6b6b6b;border-radius:3px}
.media-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.media-grid img{max-width:100%;height:auto;display:block;background:#eee}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.5rem 0}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f1f1ee;padding:.5rem;border-radius:4px;font-size:.9rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:600px){main{padding:.75rem}h1{font-size:1.35rem}}
`
  .replace(/\n/g, '')
  .trim();
