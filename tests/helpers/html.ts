import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Facts about one built page, parsed with a real HTML parser (parse5). */
export interface PageFacts {
  file: string;
  h: { level: number; text: string }[];
  /** Every img with its attributes and whether it sits inside <main>. */
  imgs: { attrs: Record<string, string>; inMain: boolean }[];
  links: string[];
  scripts: Record<string, string>[];
  jsonLd: string[];
  meta: Record<string, string>;
  title: string;
  canonical: string | null;
  landmarks: string[];
  text: string;
  lang: string | null;
}

export function pageFacts(file: string): PageFacts {
  const doc = parse(readFileSync(file, 'utf8'));
  const facts: PageFacts = {
    file,
    h: [],
    imgs: [],
    links: [],
    scripts: [],
    jsonLd: [],
    meta: {},
    title: '',
    canonical: null,
    landmarks: [],
    text: '',
    lang: null,
  };
  const texts: string[] = [];
  const attrs = (el: Element) => Object.fromEntries(el.attrs.map((a) => [a.name, a.value]));
  const textOf = (n: Node): string =>
    n.nodeName === '#text'
      ? (n as DefaultTreeAdapterMap['textNode']).value
      : 'childNodes' in n
        ? n.childNodes.map(textOf).join('')
        : '';
  const walk = (n: Node, inBody: boolean, inMain = false) => {
    if (n.nodeName === '#text' && inBody) texts.push((n as DefaultTreeAdapterMap['textNode']).value);
    if (!('tagName' in n)) {
      if ('childNodes' in n) for (const c of n.childNodes) walk(c, inBody, inMain);
      return;
    }
    const el = n as Element;
    const a = attrs(el);
    const tag = el.tagName;
    if (tag === 'html') facts.lang = a.lang ?? null;
    if (/^h[1-6]$/.test(tag)) facts.h.push({ level: Number(tag[1]), text: textOf(el).trim() });
    if (tag === 'img') facts.imgs.push({ attrs: a, inMain });
    if (tag === 'a' && a.href) facts.links.push(a.href);
    if (tag === 'link' && a.rel === 'canonical') facts.canonical = a.href ?? null;
    if ((tag === 'link' && a.href) || (tag === 'source' && a.srcset))
      facts.links.push(...(a.srcset ? a.srcset.split(',').map((s) => s.trim().split(' ')[0]!) : [a.href!]));
    if (tag === 'img' && a.srcset)
      facts.links.push(...a.srcset.split(',').map((s) => s.trim().split(' ')[0]!));
    if (tag === 'img' && a.src) facts.links.push(a.src);
    if (tag === 'meta') facts.meta[a.name ?? a.property ?? a.charset ?? '?'] = a.content ?? '';
    if (tag === 'title') facts.title = textOf(el);
    if (tag === 'script') {
      facts.scripts.push(a);
      if (a.type === 'application/ld+json') facts.jsonLd.push(textOf(el));
    }
    if (['header', 'main', 'footer', 'nav'].includes(tag)) facts.landmarks.push(tag);
    const body = inBody || tag === 'body';
    if (tag === 'script' || tag === 'style') return;
    const main = inMain || tag === 'main';
    for (const c of el.childNodes) walk(c, body, main);
    if ('content' in el && el.content) {
      for (const c of (el.content as DefaultTreeAdapterMap['documentFragment']).childNodes)
        walk(c, body, main);
    }
  };
  walk(doc, false);
  facts.text = texts.join(' ').replace(/\s+/g, ' ');
  return facts;
}

export function htmlFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlFiles(join(dir, e.name), rel));
    else if (e.name.endsWith('.html')) out.push(rel);
  }
  return out;
}

/** Does a site-relative link resolve to a file of the built site? */
export function resolves(root: string, href: string): boolean {
  const path = decodeURI(href.split('#')[0]!.split('?')[0]!);
  if (!path.startsWith('/')) return true;
  const target = join(root, path);
  if (existsSync(target) && statSync(target).isFile()) return true;
  return existsSync(join(target, 'index.html'));
}
