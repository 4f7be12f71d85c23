import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { CHROME_PAGE } from '../../catalog/slots.ts';
import { errors } from '../../errors.ts';
import { writerNames } from '../../writers/writer-name.ts';
import { JSON_BODY_LIMIT, limitBody } from '../body-limit.ts';
import { oneBuildAtATime } from '../build-lock.ts';
import { changeLogQueue } from '../build-queue.ts';
import type { AppEnv } from '../env.ts';
import { actingFounder, requireCaller } from '../founder-scope.ts';
import { FOUNDER_SECURITY } from '../openapi.ts';
import { previewPath } from '../previews.ts';
import type { RouteDeps } from './route-deps.ts';
import { ErrorSchema, errorResponses, UserId } from './shared-schemas.ts';

const Section = z.object({
  page: z
    .string()
    .max(80)
    .openapi({
      description: `The page slug: "" for the home page, "about"…, "${CHROME_PAGE}" for the header and footer`,
    }),
  key: z.string().min(1).max(80).openapi({ description: 'The section key on that page' }),
});

const GenerateBody = z
  .object({
    user_id: UserId.optional(),
    template: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a template id (lowercase words joined by hyphens)')
      .max(80)
      .optional()
      .openapi({ description: 'Use this template instead of the matched one' }),
    regenerate: z
      .array(Section)
      .max(100)
      .optional()
      .openapi({ description: 'Sections to rewrite even if approved or edited' }),
    writer: z
      .enum(writerNames as [string, ...string[]])
      .optional()
      .openapi({ description: 'Who writes the copy' }),
  })
  .strict()
  .openapi('GenerateRequest');

const GenerateQuery = z.object({
  wait: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: build now and answer with the summary; otherwise queue a build (202)' }),
});

const Queued = z
  .object({ status: z.literal('queued'), user_id: z.string(), slug: z.string(), preview_url: z.string() })
  .openapi('GenerateQueued');

const Summary = z
  .object({
    status: z.literal('built'),
    user_id: z.string(),
    slug: z.string(),
    template: z.object({
      id: z.string(),
      score: z.number(),
      reasons: z.array(z.record(z.string(), z.unknown())),
      basis: z.string(),
    }),
    sections: z.array(
      z.object({
        page: z.string(),
        key: z.string(),
        type: z.string(),
        status: z.string(),
        writer: z.string(),
      }),
    ),
    palette: z.object({
      selected: z.number(),
      options: z.array(
        z.object({
          index: z.number(),
          label: z.string(),
          primary: z.string(),
          accent: z.string(),
          bg: z.string(),
        }),
      ),
    }),
    warnings: z.array(z.string()),
    preview_url: z.string(),
    build_hash: z.string(),
  })
  .openapi('GenerateSummary');

export const websiteGeneratorRoute = createRoute({
  method: 'post',
  path: '/api/website-generator',
  summary: "Generate or regenerate the caller's site: queue a build, or run it with ?wait=true",
  security: FOUNDER_SECURITY,
  request: {
    query: GenerateQuery,
    body: { required: false, content: { 'application/json': { schema: GenerateBody } } },
  },
  responses: {
    200: {
      description: 'Built (wait=true): the summary',
      content: { 'application/json': { schema: Summary } },
    },
    202: { description: 'Queued: the worker builds it', content: { 'application/json': { schema: Queued } } },
    ...errorResponses,
  },
});

export function registerWebsiteGenerator(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.openapi(
    {
      ...websiteGeneratorRoute,
      middleware: [limitBody(JSON_BODY_LIMIT), requireCaller(), deps.limiter.middleware],
    },
    async (c) => {
      const body = c.req.valid('json') ?? {};
      const wait = c.req.valid('query').wait === 'true';
      const acting = await actingFounder(c, body.user_id, deps.log);
      const previewUrl = new URL(previewPath(acting.slug), c.req.url).href;
      if (!wait) {
        // The options travel with the request in the change log; the worker's build honours them.
        // An unknown template is refused now, not after the build's attempts have run out.
        if (body.template) {
          const { loadCatalog } = await import('../../catalog/registry.ts');
          const known = [...(await loadCatalog()).templates.keys()];
          if (!known.includes(body.template))
            throw errors.usage(
              `template ${body.template}: no such template.`,
              `Choose one of: ${known.join(', ')}.`,
            );
        }
        await (deps.queue ?? changeLogQueue(c.get('db'))).request(acting.userId, {
          template: body.template,
          writer: body.writer as 'offline' | 'openai' | undefined,
          regenerate: body.regenerate,
        });
        return c.json(
          { status: 'queued' as const, user_id: acting.userId, slug: acting.slug, preview_url: previewUrl },
          202,
        );
      }
      const { generateSiteDetailed } = await import('../../pipeline.ts');
      const { summary } = await oneBuildAtATime(() =>
        generateSiteDetailed({
          source: { kind: 'founder', idOrSlug: acting.userId },
          db: c.get('db'),
          template: body.template,
          writer: body.writer as 'offline' | 'openai' | undefined,
          regenerate: body.regenerate,
        }),
      );
      return c.json(
        {
          status: 'built' as const,
          user_id: acting.userId,
          slug: summary.founder.slug,
          template: {
            id: summary.template.id,
            score: summary.template.score,
            reasons: summary.template.reasons as unknown as Record<string, unknown>[],
            basis: String(summary.template.basis),
          },
          sections: summary.sections.map((s) => ({
            page: s.page,
            key: s.key,
            type: s.type,
            status: s.status,
            writer: s.writer,
          })),
          palette: {
            selected: summary.palette.selected,
            options: summary.palette.options.map((o) => ({
              index: o.index,
              label: o.label,
              primary: o.primary,
              accent: o.accent,
              bg: o.bg,
            })),
          },
          warnings: summary.warnings,
          preview_url: previewUrl,
          build_hash: summary.build_hash,
        },
        200,
      );
    },
  );
  void ErrorSchema;
}
