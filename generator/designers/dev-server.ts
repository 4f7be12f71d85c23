import { existsSync, type FSWatcher, statSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import { PALETTE_OPTION_COUNT } from '../brand/palette-count.ts';
import { type CatalogRoots, defaultRoots } from '../catalog/registry.ts';
import { contentTypeOf } from '../deploy/static-host.ts';
import { demoFounders } from './demo-founders.ts';
import { devPage } from './dev-page.ts';
import { type DevRenderResult, type DevSelection, renderDev } from './dev-render.ts';

/**
 * `dreamseed templates dev`: a server on 127.0.0.1 that renders one template
 * for a demo founder and re-renders when a file under templates/, sections/
 * or themes/ changes (a burst of saves is one render; a change during a render
 * makes exactly one more). Each render is announced on `/events` with its
 * time and, for a change, the time from the change to the render being ready;
 * a failed render keeps the last good site and shows the error's file and line.
 */
export interface DevServerOptions {
  selection: DevSelection;
  outDir: string;
  port?: number | undefined;
  roots?: CatalogRoots | undefined;
  /** Quiet period after a file event before rendering (editors write in bursts). */
  settleMs?: number | undefined;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  /** The last render (null before the first finishes). */
  last(): (DevRenderResult & { since_change_ms: number | null }) | null;
  close(): Promise<void>;
}

const selectSchema = z.object({
  template: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a template id (kebab-case)'),
  founder: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a demo founder slug'),
  palette: z
    .number()
    .int()
    .min(0)
    .max(PALETTE_OPTION_COUNT - 1),
});

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const roots = options.roots ?? defaultRoots;
  const log = options.log ?? (() => {});
  const settle = options.settleMs ?? 25;
  const founders = demoFounders();
  let selection = { ...options.selection };
  let last: (DevRenderResult & { since_change_ms: number | null }) | null = null;
  const clients = new Set<ServerResponse>();
  let rendering: Promise<void> | null = null;
  let again = false;
  let changedAt: number | null = null;
  let settleTimer: NodeJS.Timeout | null = null;

  const announce = () => {
    if (!last) return;
    const data = `event: render\ndata: ${JSON.stringify(last)}\n\n`;
    for (const c of clients) c.write(data);
  };

  const render = (): Promise<void> => {
    if (rendering) {
      again = true;
      return rendering;
    }
    rendering = (async () => {
      do {
        again = false;
        const since = changedAt;
        changedAt = null;
        const result = await renderDev(selection, options.outDir, roots);
        const sinceChange = since === null ? null : Math.round(performance.now() - since);
        last = { ...result, since_change_ms: sinceChange };
        log(
          result.ok
            ? `rendered ${selection.template} for ${selection.founder} (palette ${selection.palette + 1}) in ${result.ms} ms${sinceChange === null ? '' : `, ${sinceChange} ms after the change`} (${Object.entries(
                result.stages,
              )
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`
            : `render failed${result.error.file ? ` at ${result.error.file}:${result.error.line ?? '?'}` : ''}: ${result.error.message.split('\n')[0]}`,
        );
        announce();
      } while (again);
      rendering = null;
    })();
    return rendering;
  };

  const onChange = (file: string | null) => {
    if (file && (/(^|[/\\])\.|~$|\.swp$|\.tmp$/.test(file) || file.includes('node_modules'))) return;
    changedAt ??= performance.now();
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      void render();
    }, settle);
  };
  const watchers: FSWatcher[] = [roots.templates, roots.sections, roots.themes]
    .filter((dir) => existsSync(dir))
    .map((dir) => watch(dir, { recursive: true }, (_event, file) => onChange(file ? String(file) : null)));

  const siteFile = async (urlPath: string): Promise<string | null> => {
    const rel = decodeURIComponent(urlPath.replace(/^\/site\/?/, ''));
    const base = resolve(options.outDir);
    let file = normalize(join(base, rel));
    if (file !== base && !file.startsWith(base + sep)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && !extname(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    return existsSync(file) ? file : null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/') {
      const { loadCatalog } = await import('../catalog/registry.ts');
      const templates = await loadCatalog(roots)
        .then((c) => [...c.templates.keys()].sort())
        .catch(() => [selection.template]);
      if (!templates.includes(selection.template)) templates.push(selection.template);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(devPage({ selection, templates, founders, palettes: PALETTE_OPTION_COUNT }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': dreamseed dev\n\n');
      clients.add(res);
      if (last) res.write(`event: render\ndata: ${JSON.stringify(last)}\n\n`);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/state') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ selection, founders, last }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/select') {
      let body = '';
      for await (const chunk of req) body += chunk;
      let parsed: z.ZodSafeParseResult<z.infer<typeof selectSchema>>;
      try {
        parsed = selectSchema.safeParse(JSON.parse(body));
      } catch {
        parsed = selectSchema.safeParse(undefined);
      }
      if (!parsed.success || !founders.includes(parsed.data.founder)) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: parsed.success
              ? `founder: "${parsed.data.founder}" is not a demo founder (${founders.join(', ')})`
              : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          }),
        );
        return;
      }
      selection = parsed.data;
      await render();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(last));
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/site')) {
      const file = await siteFile(url.pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not rendered (yet): see the error above the frame');
        return;
      }
      res.writeHead(200, {
        'content-type': contentTypeOf(file),
        'cache-control': 'no-store',
      });
      res.end(await readFile(file));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  void render();
  return {
    url: `http://127.0.0.1:${port}/`,
    last: () => last,
    async close() {
      for (const w of watchers) w.close();
      if (settleTimer) clearTimeout(settleTimer);
      for (const c of clients) c.end();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
      await rendering;
    },
  };
}
