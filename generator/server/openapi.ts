import type { OpenAPIHono } from '@hono/zod-openapi';
import { ACCESS_COOKIE } from './auth/cookie.ts';
import type { AppEnv } from './env.ts';

/** The security requirement of a founder route: a Bearer token, or the studio's cookie. */
export const FOUNDER_SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
/**
 * The transcript processor's: VAPI's shared secret (generator/transcripts/vapi-webhook.ts), or a
 * founder's token / cookie, or the service role's key.
 */
export const WEBHOOK_SECURITY: Record<string, string[]>[] = [
  { vapiSecret: [] },
  { bearer: [] },
  { cookie: [] },
];

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document, generated from the same zod schemas that
 * validate the requests (@hono/zod-openapi), with the security schemes the routes name.
 */
export function mountOpenApiDocument(app: OpenAPIHono<AppEnv>, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A founder's Supabase access token (aud authenticated), or the service role key with the founder named as user_id.",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: ACCESS_COOKIE,
    description: "The studio's HttpOnly cookie holding the founder's access token.",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'vapiSecret', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Vapi-Secret',
    description: 'The shared secret VAPI sends (DREAMSEED_VAPI_SECRET); an x-vapi-signature HMAC also works.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'DreamSeed Sites API',
      version,
      description:
        'The specification’s endpoints: website generation, file upload, transcript processing, domain selection. Errors are { error: { code, message, hint } } with the codes of docs/errors.md.',
    },
    servers: [{ url: '/' }],
  });
}
