import { lineAt } from './lint-finding.ts';

/**
 * The page rules lint applies both to a component's source (`.astro`, where
 * the finding gets its exact line) and to the built HTML (what the source
 * cannot show: the page as a whole). Sites ship no JavaScript, request nothing
 * from other hosts, use the theme's own fonts, size every image and give each
 * page one `h1` with headings in order.
 */
export type PageRuleId =
  | 'html/inline-script'
  | 'html/third-party-request'
  | 'html/external-font'
  | 'html/unsized-image'
  | 'html/one-h1'
  | 'html/heading-order';

export const pageRuleHints: Record<PageRuleId, string> = {
  'html/inline-script':
    'Remove the <script>: sites ship no JavaScript (the CSP forbids it). Only JSON-LD, which the layout writes, is allowed.',
  'html/third-party-request':
    'Serve the file from the site itself (put images through Picture.astro): pages request nothing from other hosts.',
  'html/external-font':
    "Use the theme's font stacks (themes/<id>/theme.json `fonts`): no web fonts from other hosts, no @font-face with remote files.",
  'html/unsized-image':
    'Render images with generator/site/astro/Picture.astro, which writes width and height (no layout shift).',
  'html/one-h1':
    "Take headings from headingsOf(Astro.props): the page's first section gets the only <h1>, every other section <h2>.",
  'html/heading-order':
    'Use `Sub` from headingsOf for headings inside a section: one level below, never skipping one.',
};

export interface PageProblem {
  id: PageRuleId;
  /** 1-based line in the text given. */
  line: number;
  message: string;
  /** What to look for in a component's source to find where the problem comes from. */
  needle?: string | undefined;
}

const FONT_HOSTS =
  /(^|\.)(fonts\.googleapis\.com|fonts\.gstatic\.com|use\.typekit\.net|p\.typekit\.net|fonts\.bunny\.net|fast\.fonts\.net|cdn\.fonts\.net|fonts\.adobe\.com|use\.fontawesome\.com|kit\.fontawesome\.com)$/i;
const FONT_FILE = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;
const EXTERNAL = /^(?:https?:)?\/\/([^/'"\s)]+)/i;

function hostOf(url: string): string | null {
  const m = EXTERNAL.exec(url.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function isFont(url: string, host: string): boolean {
  return FONT_HOSTS.test(host) || FONT_FILE.test(url);
}

/**
 * Problems in one text (component source or built page). `ownHost` is the
 * site's host (its canonical links are not third-party requests); `source`
 * says the text is a component, whose headings and attributes may be
 * expressions (then only literal mistakes are reported).
 */
export function pageProblems(
  text: string,
  options: { ownHost?: string | null; source: boolean },
): PageProblem[] {
  const out: PageProblem[] = [];
  const add = (id: PageRuleId, at: number, message: string, needle?: string) =>
    out.push({ id, line: lineAt(text, at), message, needle });
  const request = (url: string, at: number, inFontFace: boolean, what: string) => {
    const host = hostOf(url);
    if (!host || host === options.ownHost) return;
    if (inFontFace || isFont(url, host))
      add('html/external-font', at, `${what} loads a font from ${host}`, host);
    else add('html/third-party-request', at, `${what} requests ${url} from another host (${host})`, host);
  };

  for (const m of text.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    if (/type\s*=\s*["']application\/ld\+json["']/i.test(attrs)) continue;
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (src && hostOf(src)) request(src, m.index, false, '<script src>');
    add(
      'html/inline-script',
      m.index,
      `a <script>${src ? ` (${src})` : ''}: sites ship no JavaScript`,
      '<script',
    );
  }
  for (const m of text.matchAll(/<(link|img|iframe|source|video|audio|embed|object|image)\b([^>]*)>/gi)) {
    const tag = m[1]!.toLowerCase();
    const attrs = m[2] ?? '';
    const rel = /\brel\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
    // Links that name a page (canonical, alternate, author) are not requests.
    if (
      tag === 'link' &&
      !/stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|modulepreload|manifest/.test(rel)
    )
      continue;
    for (const a of attrs.matchAll(/\b(src|href|srcset|data|poster)\s*=\s*["']([^"']+)["']/gi)) {
      const urls =
        a[1]!.toLowerCase() === 'srcset' ? a[2]!.split(',').map((s) => s.trim().split(/\s+/)[0]!) : [a[2]!];
      const asFont = tag === 'link' && /\bas\s*=\s*["']font["']/i.test(attrs);
      for (const url of urls) request(url, m.index, asFont, `<${tag}>`);
    }
    if (tag === 'img') {
      const spread = /\{\s*\.\.\./.test(attrs);
      if (!spread && !(/\bwidth\s*=/i.test(attrs) && /\bheight\s*=/i.test(attrs)))
        add('html/unsized-image', m.index, '<img> without width and height', '<img');
    }
  }
  for (const style of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = style[1] ?? '';
    const base = style.index + style[0].indexOf(css);
    const faces = [...css.matchAll(/@font-face\s*\{[^}]*\}/gi)].map((f) => [f.index, f.index + f[0].length]);
    for (const m of css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi))
      request(m[1]!, base + m.index, false, '@import');
    for (const m of css.matchAll(/url\(\s*["']?([^"')\s]+)["']?\s*\)/gi)) {
      const inFace = faces.some(([a, b]) => m.index >= a! && m.index < b!);
      const before = css.slice(Math.max(0, m.index - 30), m.index);
      if (/@import\s*$/i.test(before)) continue;
      request(m[1]!, base + m.index, inFace, inFace ? '@font-face' : 'url()');
    }
  }
  const headings = [...text.matchAll(/<h([1-6])\b/gi)].map((m) => ({ level: Number(m[1]), at: m.index }));
  if (options.source) {
    for (const h of headings.filter((x) => x.level === 1))
      add('html/one-h1', h.at, 'a literal <h1>: on any page but the first section it is a second h1', '<h1');
  } else {
    const h1 = headings.filter((h) => h.level === 1);
    if (h1.length !== 1)
      add(
        'html/one-h1',
        h1[1]?.at ?? 0,
        `the page has ${h1.length} <h1> elements (it must have exactly one)`,
        '<h1',
      );
    for (let i = 1; i < headings.length; i++) {
      const [a, b] = [headings[i - 1]!, headings[i]!];
      if (b.level - a.level > 1)
        add(
          'html/heading-order',
          b.at,
          `<h${b.level}> follows <h${a.level}>: a heading level is skipped`,
          `<h${b.level}`,
        );
    }
  }
  return out;
}
