import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { STUDIO_CSS } from './styles.ts';

/**
 * The page frame every studio page shares: a skip link, the founder's name,
 * the areas as a navigation list (the current one marked `aria-current`), a
 * notice from the last action (POST-redirect-GET flash), and sign-out.
 */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const AREAS = [
  { path: '/site', label: 'Site' },
  { path: '/sections', label: 'Sections' },
  { path: '/facts', label: 'Facts' },
  { path: '/media', label: 'Media' },
  { path: '/palette', label: 'Palette' },
  { path: '/publishing', label: 'Publishing' },
] as const;

export interface PageFrame {
  title: string;
  /** The studio's mount point, e.g. `/studio`. */
  base: string;
  /** The area the page belongs to (its path in AREAS). */
  area?: string | undefined;
  /** The signed-in founder's slug; none: the sign-in page. */
  slug?: string | undefined;
  csrf?: string | undefined;
  flash?: Flash | null | undefined;
  body: Html;
}

export interface Flash {
  kind: 'ok' | 'error' | 'warn';
  text: string;
  /** Further lines (a gate refusal's reasons, each with a link to fix it). */
  items?: { text: string; href?: string | undefined }[] | undefined;
}

export function page(frame: PageFrame): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · DreamSeed studio</title>
<style>${raw(STUDIO_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="${frame.base}/">DreamSeed studio${frame.slug ? html`<span class="visually-hidden">, </span> · ${frame.slug}` : ''}</a>
${
  frame.slug
    ? html`<nav class="areas" aria-label="Studio areas"><ul>${AREAS.map(
        (a) =>
          html`<li><a href="${frame.base}${a.path}"${frame.area === a.path ? html` aria-current="page"` : ''}>${a.label}</a></li>`,
      )}</ul></nav>
<form method="post" action="${frame.base}/sign-out"><input type="hidden" name="_csrf" value="${frame.csrf ?? ''}"><button class="secondary" type="submit">Sign out</button></form>`
    : ''
}
</header>
<main id="main" tabindex="-1">
${frame.flash ? flashView(frame.flash) : ''}
${frame.body}
</main>
</body>
</html>`;
}

function flashView(flash: Flash): Html {
  return html`<div class="notice${flash.kind === 'ok' ? '' : ` ${flash.kind}`}" role="${flash.kind === 'ok' ? 'status' : 'alert'}">
<p>${flash.text}</p>${
    flash.items?.length
      ? html`<ul>${flash.items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.text}</a>` : i.text}</li>`)}</ul>`
      : ''
  }</div>`;
}
