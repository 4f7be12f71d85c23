import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A loopback server that speaks the part of the Netlify API (api.netlify.com/
 * api/v1) a `netlify deploy` and a restore use, for the real netlify-cli
 * pointed at it with NETLIFY_API_URL. It keeps what Netlify keeps: sites, deploys
 * and the file contents it already has (by SHA-1), so a deploy is asked for only
 * the files Netlify lacks; a deploy becomes `ready` (after `processingPolls`
 * polls) once every required file arrived, and a production deploy replaces the
 * site's published deploy only then. `failUploadsAfter` makes uploads fail
 * (HTTP 422, which the CLI does not retry) to test a deploy dying mid-way.
 */
interface Site {
  id: string;
  name: string;
  url: string;
  ssl_url: string;
  admin_url: string;
  account_slug: string;
  account_id: string;
  created_at: string;
  published_deploy: Deploy | null;
}

interface Deploy {
  id: string;
  site_id: string;
  name: string;
  state: string;
  draft: boolean;
  context: string;
  title: string | null;
  created_at: string;
  published_at: string | null;
  deploy_url: string;
  deploy_ssl_url: string;
  url: string;
  ssl_url: string;
  admin_url: string;
  required: string[];
  files: Record<string, string>;
  polls_left: number;
  error_message: string | null;
}

export interface FakeNetlifyOptions {
  token: string;
  /** Polls answered `processing` after the last upload before the deploy is ready. */
  processingPolls?: number;
}

export interface RequestLog {
  method: string;
  path: string;
  status: number;
}

export class FakeNetlify {
  readonly token: string;
  readonly sites = new Map<string, Site>();
  readonly deploys = new Map<string, Deploy>();
  /** File contents Netlify holds, by SHA-1. */
  readonly blobs = new Map<string, Buffer>();
  readonly log: RequestLog[] = [];
  processingPolls: number;
  /** After this many successful uploads (from now), every upload fails with 422. Null: never. */
  failUploadsAfter: number | null = null;
  private server: Server | undefined;
  url = '';

  constructor(options: FakeNetlifyOptions) {
    this.token = options.token;
    this.processingPolls = options.processingPolls ?? 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { status, body } = this.handle(req, Buffer.concat(chunks));
        this.log.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Uploads (file PUTs) the server accepted for one deploy. */
  uploadsFor(deployId: string): string[] {
    return this.log
      .filter(
        (l) =>
          l.method === 'PUT' && l.status === 200 && l.path.startsWith(`/api/v1/deploys/${deployId}/files/`),
      )
      .map((l) => decodeURIComponent(l.path.slice(`/api/v1/deploys/${deployId}/files/`.length)));
  }

  /** A file of the site's published deploy, as a visitor would get it (null if absent). */
  publishedFile(siteId: string, path: string): Buffer | null {
    const sha = this.sites.get(siteId)?.published_deploy?.files[path];
    return sha ? (this.blobs.get(sha) ?? null) : null;
  }

  private handle(req: IncomingMessage, raw: Buffer): { status: number; body: unknown } {
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return { status: 401, body: { code: 401, message: 'Access Denied: Invalid token' } };
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = req.method ?? 'GET';
    const json = () => (raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {});
    const notFound = { status: 404, body: { code: 404, message: 'Not Found' } };

    if (method === 'GET' && path === '/accounts') {
      return {
        status: 200,
        body: [{ id: 'acct-1', slug: 'dreamseed', name: 'DreamSeed', type_name: 'Starter' }],
      };
    }
    if (method === 'GET' && /^\/accounts\/[^/]+\/env$/.test(path)) return { status: 200, body: [] };
    if (method === 'GET' && path === '/sites') {
      const name = url.searchParams.get('name') ?? '';
      return {
        status: 200,
        body: [...this.sites.values()].filter((s) => s.name.includes(name)).map((s) => this.siteJson(s)),
      };
    }
    if (method === 'POST' && path === '/sites') {
      const name = String((json() as { name?: string }).name ?? `site-${randomBytes(4).toString('hex')}`);
      if ([...this.sites.values()].some((s) => s.name === name)) {
        return { status: 422, body: { code: 422, message: 'subdomain must be unique' } };
      }
      const site: Site = {
        id: randomUUID(),
        name,
        url: `http://${name}.netlify.app`,
        ssl_url: `https://${name}.netlify.app`,
        admin_url: `https://app.netlify.com/projects/${name}`,
        account_slug: 'dreamseed',
        account_id: 'acct-1',
        created_at: new Date().toISOString(),
        published_deploy: null,
      };
      this.sites.set(site.id, site);
      return { status: 201, body: this.siteJson(site) };
    }
    const siteRoute = /^\/sites\/([^/]+)$/.exec(path);
    if (siteRoute && method === 'GET') {
      const m = siteRoute;
      const site = this.sites.get(m[1]!);
      return site ? { status: 200, body: this.siteJson(site) } : notFound;
    }
    const deploysRoute = /^\/sites\/([^/]+)\/deploys$/.exec(path);
    if (deploysRoute) {
      const m = deploysRoute;
      const site = this.sites.get(m[1]!);
      if (!site) return notFound;
      if (method === 'GET') {
        const list = [...this.deploys.values()].filter((d) => d.site_id === site.id).reverse();
        return { status: 200, body: list.map((d) => this.deployJson(d)) };
      }
      if (method === 'POST') {
        const body = json() as { draft?: boolean };
        const id = randomBytes(12).toString('hex');
        const deploy: Deploy = {
          id,
          site_id: site.id,
          name: site.name,
          state: 'new',
          draft: body.draft === true,
          context: body.draft ? 'deploy-preview' : 'production',
          title: url.searchParams.get('title'),
          created_at: new Date().toISOString(),
          published_at: null,
          deploy_url: `http://${id}--${site.name}.netlify.app`,
          deploy_ssl_url: `https://${id}--${site.name}.netlify.app`,
          url: site.url,
          ssl_url: site.ssl_url,
          admin_url: site.admin_url,
          required: [],
          files: {},
          polls_left: 0,
          error_message: null,
        };
        this.deploys.set(id, deploy);
        return { status: 200, body: this.deployJson(deploy) };
      }
    }
    const deployRoute =
      /^\/sites\/([^/]+)\/deploys\/([^/]+)$/.exec(path) ?? /^()\/deploys\/([^/]+)$/.exec(path);
    if (deployRoute) {
      const m = deployRoute;
      const deploy = this.deploys.get(m[2]!);
      if (!deploy || (m[1] && deploy.site_id !== m[1])) return notFound;
      if (method === 'PUT') {
        // The CLI also sends `draft: false` here for every deploy; Netlify keeps what the deploy was created as.
        const body = json() as { files?: Record<string, string> };
        deploy.files = body.files ?? {};
        deploy.required = [...new Set(Object.values(deploy.files))].filter((sha) => !this.blobs.has(sha));
        deploy.state = 'prepared';
        deploy.polls_left = this.processingPolls;
        return { status: 200, body: this.deployJson(deploy) };
      }
      if (method === 'GET') {
        this.advance(deploy);
        return { status: 200, body: this.deployJson(deploy) };
      }
    }
    const restoreRoute = /^\/sites\/([^/]+)\/deploys\/([^/]+)\/restore$/.exec(path);
    if (restoreRoute && method === 'POST') {
      const m = restoreRoute;
      const deploy = this.deploys.get(m[2]!);
      const site = this.sites.get(m[1]!);
      if (!deploy || !site || deploy.site_id !== site.id) return notFound;
      if (deploy.state !== 'ready')
        return { status: 422, body: { code: 422, message: `deploy is ${deploy.state}` } };
      this.publish(site, deploy);
      return { status: 200, body: this.deployJson(deploy) };
    }
    const uploadRoute = /^\/deploys\/([^/]+)\/files\/(.+)$/.exec(path);
    if (uploadRoute && method === 'PUT') {
      const m = uploadRoute;
      const deploy = this.deploys.get(m[1]!);
      if (!deploy) return notFound;
      const file = decodeURIComponent(m[2]!);
      if (this.failUploadsAfter !== null && this.failUploadsAfter <= 0) {
        return { status: 422, body: { code: 422, message: `upload of ${file} failed (injected)` } };
      }
      const sha = createHash('sha1').update(raw).digest('hex');
      if (deploy.files[file] !== sha) {
        return { status: 422, body: { code: 422, message: `${file} does not match its digest` } };
      }
      this.blobs.set(sha, raw);
      if (this.failUploadsAfter !== null) this.failUploadsAfter--;
      deploy.state = 'uploading';
      return { status: 200, body: { id: sha, path: `/${file}`, sha, mime_type: 'application/octet-stream' } };
    }
    return notFound;
  }

  /** A deploy whose files have all arrived is processed, then ready; production ones go live then. */
  private advance(deploy: Deploy): void {
    if (deploy.state !== 'prepared' && deploy.state !== 'uploading' && deploy.state !== 'processing') return;
    if (deploy.required.some((sha) => !this.blobs.has(sha))) return;
    if (deploy.polls_left > 0) {
      deploy.polls_left--;
      deploy.state = 'processing';
      return;
    }
    deploy.state = 'ready';
    if (!deploy.draft) this.publish(this.sites.get(deploy.site_id)!, deploy);
  }

  private publish(site: Site, deploy: Deploy): void {
    deploy.published_at = new Date().toISOString();
    site.published_deploy = deploy;
  }

  private siteJson(site: Site) {
    const { published_deploy, ...rest } = site;
    return {
      ...rest,
      published_deploy: published_deploy ? this.deployJson(published_deploy) : null,
      build_settings: {},
    };
  }

  private deployJson(deploy: Deploy) {
    const { files: _files, polls_left: _polls, ...rest } = deploy;
    return rest;
  }
}
