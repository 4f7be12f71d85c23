import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { errors } from '../../errors.ts';
import { loadTranscriptConfig } from '../../transcripts/transcript-config.ts';
import { verifyVapiRequest } from '../../transcripts/vapi-webhook.ts';
import { limitBody } from '../body-limit.ts';
import type { AppEnv } from '../env.ts';
import { WEBHOOK_SECURITY } from '../openapi.ts';
import type { RouteDeps } from './route-deps.ts';
import { errorResponses } from './shared-schemas.ts';

/** A VAPI server message is a few hundred kB at most (a long call's transcript and messages). */
export const TRANSCRIPT_BODY_LIMIT = 2 * 1024 * 1024;

const VapiMessage = z
  .object({ message: z.object({ type: z.string() }).passthrough() })
  .passthrough()
  .openapi('VapiServerMessage', {
    description:
      'A VAPI server message; end-of-call reports are stored (call.metadata / assistant.metadata name dreamseed_user_id and call_number), others answered 200 ignored.',
  });

const Accepted = z
  .object({ call: z.number(), outcome: z.string(), transcript_id: z.string(), quality: z.unknown() })
  .openapi('TranscriptAccepted');
const Ignored = z
  .object({ ignored: z.literal(true), type: z.string().nullable() })
  .openapi('TranscriptIgnored');

export const transcriptProcessorRoute = createRoute({
  method: 'post',
  path: '/api/transcript-processor',
  summary:
    "VAPI's end-of-call report → the founder's transcript, then facts into Dream DNA (in the background)",
  security: WEBHOOK_SECURITY,
  request: { body: { required: true, content: { 'application/json': { schema: VapiMessage } } } },
  responses: {
    200: {
      description: 'Another kind of server message: ignored',
      content: { 'application/json': { schema: Ignored } },
    },
    202: {
      description: 'Stored; extraction and vectorising follow',
      content: { 'application/json': { schema: Accepted } },
    },
    ...errorResponses,
  },
});

/** The shared secret is checked before the body is validated: an unsigned request learns nothing. */
function requireVapiSecret(secret: () => string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = await c.req.text();
    const verdict = verifyVapiRequest(c.req.raw.headers, raw, secret());
    if (!verdict.accepted) throw errors.webhookUnauthorized(verdict.reason);
    await next();
  };
}

export function registerTranscriptProcessor(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  const secret = () => loadTranscriptConfig().vapiSecret;
  app.openapi(
    {
      ...transcriptProcessorRoute,
      middleware: [limitBody(TRANSCRIPT_BODY_LIMIT, 'The server message'), requireVapiSecret(secret)],
    },
    async (c) => {
      const { handleTranscriptRequest } = await import('../../transcripts/transcript-request.ts');
      const db = c.get('db');
      const config = loadTranscriptConfig();
      const raw = await c.req.text();
      const answer = await handleTranscriptRequest(
        db,
        { headers: c.req.raw.headers, rawBody: raw },
        config.vapiSecret,
      );
      if (answer.followUp) {
        const { userId, call } = answer.followUp;
        // Answer VAPI at once; the extraction (a model call) and the DNA write follow here.
        setImmediate(() => {
          import('../../transcripts/process-transcript.ts')
            .then(({ processCall }) => processCall(db, userId, call, { config }))
            .then(
              () => deps.log(`transcript: call ${call} of ${userId} processed`),
              (error: unknown) =>
                deps.log(`transcript: call ${call} of ${userId} failed: ${(error as Error).message}`),
            );
        });
      }
      if (answer.status === 200) return c.json(answer.body as z.infer<typeof Ignored>, 200);
      if (answer.status === 202) return c.json(answer.body as z.infer<typeof Accepted>, 202);
      // A refusal (validation, unknown founder): the catalogue's error shape.
      const error = answer.body.error as { code: string; message: string; hint?: string };
      return new Response(
        JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint ?? null } }),
        { status: answer.status, headers: { 'content-type': 'application/json' } },
      ) as never;
    },
  );
}
