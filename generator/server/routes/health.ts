import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import type { RouteDeps } from './route-deps.ts';

const Health = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    database: z.object({ kind: z.enum(['pglite', 'postgres']), description: z.string() }),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness: the version and the database kind (no credentials needed)',
  responses: { 200: { description: 'The server runs', content: { 'application/json': { schema: Health } } } },
});

export function registerHealth(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.openapi(healthRoute, async (c) => {
    const db = c.get('db');
    await db.query('select 1');
    return c.json(
      {
        status: 'ok' as const,
        version: deps.version,
        database: { kind: db.kind, description: db.kind === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL' },
      },
      200,
    );
  });
}
