import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { JSON_BODY_LIMIT, limitBody } from '../body-limit.ts';
import type { AppEnv } from '../env.ts';
import { actingFounder, requireCaller } from '../founder-scope.ts';
import { FOUNDER_SECURITY } from '../openapi.ts';
import { saveDomain } from '../save-domain.ts';
import type { RouteDeps } from './route-deps.ts';
import { errorResponses, UserId } from './shared-schemas.ts';

/** A registrable domain name: lowercase labels, a dot, a top-level label; no scheme, port or path. */
export const DomainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .transform((d) => d.replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
        'must be a domain name like "example.com" (no https://, no path)',
      ),
  )
  .openapi({ type: 'string', example: 'sunrisebakery.com', description: 'The chosen domain' });

const SaveDomainBody = z
  .object({ domain: DomainName, user_id: UserId.optional() })
  .strict()
  .openapi('SaveDomainRequest');

const Saved = z
  .object({
    user_id: z.string(),
    domain: z.string(),
    canonical_url: z.string(),
    stored_in: z.enum(['dream_dna_truth', 'dream_dna']),
    classification: z.enum(['created', 'kept']),
    probability: z.object({ field: z.string(), confidence: z.number() }),
    build_requested: z.boolean(),
  })
  .openapi('DomainSaved');

export const saveDomainRoute = createRoute({
  method: 'post',
  path: '/api/save-domain',
  summary: "Store the founder's chosen domain: dream_dna_truth first, legacy dream_dna as the fallback",
  security: FOUNDER_SECURITY,
  middleware: [limitBody(JSON_BODY_LIMIT), requireCaller()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: SaveDomainBody } } } },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: Saved } } },
    ...errorResponses,
  },
});

export function registerSaveDomain(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.openapi(saveDomainRoute, async (c) => {
    const body = c.req.valid('json');
    const acting = await actingFounder(c, body.user_id, deps.log);
    const saved = await saveDomain(c.get('db'), acting, body.domain);
    return c.json(saved, 200);
  });
}
