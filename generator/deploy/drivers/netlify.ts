import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { type DeployDriver, defineDeployTarget, type SiteRef } from '../driver.ts';
import { NetlifyCliError, type NetlifyCliOptions, netlifyJson } from '../netlify-cli.ts';

/**
 * Netlify through the real netlify-cli. A publish is `netlify deploy --prod`
 * (a draft omits `--prod` and yields a preview URL): the CLI sends the file
 * digests, uploads only the files Netlify lacks, and polls until the deploy is
 * ready; Netlify switches production to it only then, atomically, so a failed
 * upload leaves the previous deploy live. Rollback restores an earlier deploy
 * (`restoreSiteDeploy`). The founder's site is created on the first publish.
 * Deploys address the site by name: netlify-cli resolves a name through the
 * Netlify API alone, while resolving an id also needs the extensions service.
 */

/** The founder's Netlify site, as this target remembers it. */
const netlifySite = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type NetlifySiteRef = z.infer<typeof netlifySite>;

export const netlifyTarget = defineDeployTarget({
  name: 'netlify',
  description: 'Netlify, through the real netlify-cli (NETLIFY_AUTH_TOKEN)',
  env: z.object({
    /** Netlify personal access token (netlify-cli reads the same variable). */
    NETLIFY_AUTH_TOKEN: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    /** Netlify API base URL; tests point it at a loopback server that speaks the same API. */
    NETLIFY_API_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.netlify.com/api/v1' })
        .optional(),
    ),
  }),
  remote: netlifySite,
  create: (env, context) =>
    createNetlifyDriver({
      token: env.NETLIFY_AUTH_TOKEN,
      apiUrl: env.NETLIFY_API_URL,
      stateDir: context.stateDir,
    }),
});
interface NetlifySite {
  id: string;
  name: string;
  url?: string;
  ssl_url?: string;
  published_deploy?: { id: string } | null;
}

interface NetlifyDeploy {
  id: string;
  state?: string;
  created_at?: string;
  ssl_url?: string;
  url?: string;
}

export function createNetlifyDriver(options: {
  token: string | undefined;
  apiUrl: string | undefined;
  stateDir: string;
}): DeployDriver<NetlifySiteRef> {
  const cli = (): NetlifyCliOptions => {
    if (!options.token) throw errors.netlifyTokenMissing();
    return { token: options.token, apiUrl: options.apiUrl, stateDir: options.stateDir };
  };
  const remote = (site: SiteRef<NetlifySiteRef>) => {
    if (!site.remote) {
      throw errors.netlifySiteMissing(site.slug);
    }
    return site.remote;
  };
  const failed = (what: string, error: unknown): never => {
    if (error instanceof NetlifyCliError) {
      throw errors.netlifyFailed(what, error);
    }
    throw error;
  };
  const getSite = (site: SiteRef<NetlifySiteRef>) =>
    netlifyJson<NetlifySite>(
      ['api', 'getSite', '--data', JSON.stringify({ site_id: remote(site).id })],
      cli(),
    );

  return {
    name: 'netlify',
    preflight() {
      cli();
    },
    siteId: (site) => remote(site).id,
    async prepare(site) {
      if (site.remote) return site;
      const base = `dreamseed-${site.slug}`.slice(0, 50).replace(/-+$/, '');
      for (const name of [base, `${base}-${randomBytes(3).toString('hex')}`]) {
        try {
          const created = await netlifyJson<NetlifySite>(
            ['api', 'createSite', '--data', JSON.stringify({ body: { name } })],
            cli(),
          );
          return { ...site, remote: { id: created.id, name: created.name } };
        } catch (error) {
          // 422: the name is taken on Netlify (names are global): try once more with a suffix.
          if (error instanceof NetlifyCliError && /422|unprocessable|taken|unique/i.test(error.message))
            continue;
          failed('site creation', error);
        }
      }
      throw errors.netlifyNameTaken(base);
    },
    async deploy(request) {
      const site = remote(request.site);
      const args = [
        'deploy',
        '--dir',
        request.dir,
        '--site',
        site.name,
        '--json',
        '--no-build',
        '--message',
        request.message,
        '--timeout',
        '600',
        request.live ? '--prod' : '--draft',
      ];
      let out: { deploy_id: string; deploy_url: string; url: string };
      try {
        out = await netlifyJson(args, cli());
      } catch (error) {
        if (!(error instanceof NetlifyCliError)) throw error;
        throw errors.netlifyDeployFailed(error);
      }
      return {
        deployId: out.deploy_id,
        url: request.live ? out.url : out.deploy_url,
        previewUrl: out.deploy_url,
        uploadedFiles: null,
      };
    },
    async rollback(site, deployId) {
      try {
        await netlifyJson<NetlifyDeploy>(
          [
            'api',
            'restoreSiteDeploy',
            '--data',
            JSON.stringify({ site_id: remote(site).id, deploy_id: deployId }),
          ],
          cli(),
        );
        const info = await getSite(site);
        return { url: info.ssl_url ?? info.url ?? '' };
      } catch (error) {
        return failed('restore', error);
      }
    },
    async liveDeploy(site) {
      // Nothing can be live on a site Netlify does not have yet.
      if (!site.remote) return null;
      try {
        return (await getSite(site)).published_deploy?.id ?? null;
      } catch (error) {
        return failed('site lookup', error);
      }
    },
    async listDeploys(site) {
      if (!site.remote) return [];
      try {
        const [info, deploys] = await Promise.all([
          getSite(site),
          netlifyJson<NetlifyDeploy[]>(
            ['api', 'listSiteDeploys', '--data', JSON.stringify({ site_id: remote(site).id })],
            cli(),
          ),
        ]);
        return deploys
          .filter((d) => d.state === 'ready')
          .map((d) => ({
            deployId: d.id,
            createdAt: d.created_at ?? null,
            live: d.id === info.published_deploy?.id,
          }));
      } catch (error) {
        return failed('deploy listing', error);
      }
    },
  };
}
