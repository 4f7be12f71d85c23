import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Database } from '../../db/database.ts';
import { asService } from '../../db/roles.ts';
import { errors } from '../../errors.ts';
import { notifyTranscriptStored } from '../../jobs/transcript-jobs.ts';
import { loadTranscriptConfig } from '../../transcripts/transcript-config.ts';
import { verifyVapiRequest } from '../../transcripts/vapi-webhook.ts';
import { ACCESS_COOKIE } from '../auth/cookie.ts';
import { limitBody } from '../body-limit.ts';
import type { AppEnv } from '../env.ts';
import { validationError } from '../error-response.ts';
import { actingFounder, requireCaller } from '../founder-scope.ts';
import { WEBHOOK_SECURITY } from '../openapi.ts';
import type { RouteDeps } from './route-deps.ts';
import { errorResponses, UserId } from './shared-schemas.ts';

/**
 * `POST /api/transcript-processor`: a consultation call in, stored and queued (202); the worker's
 * `transcript-process` queue (generator/jobs/transcript-jobs.ts) extracts its facts into Dream DNA,
 * which requests the site build. Two callers:
 *
 * - **VAPI** posting its server message with the shared secret (`X-Vapi-Secret`, `x-vapi-signature`,
 *   or `Authorization: Bearer <secret>`); the founder and call come from the call's metadata;
 * - **a founder** (Bearer token or the studio cookie) or **the service role** naming `user_id`, with
 *   `{ user_id?, call, transcript }`: the transcript in any of the three shapes `transcripts add`
 *   reads (text, a segments array, a VAPI end-of-call report).
 *
 * A request carrying a VAPI header, or none of the founder credentials, is VAPI's. Nothing is stored
 * on a refusal. The worker is woken with a NOTIFY, so it processes the call within about a second.
 */
export const TRANSCRIPT_BODY_LIMIT = 2 * 1024 * 1024;

const VapiMessage = z
  .object({ message: z.object({ type: z.string() }).passthrough() })
  .passthrough()
  .openapi('VapiServerMessage', {
    description:
      'A VAPI server message (with the shared secret); end-of-call reports are stored (call.metadata / assistant.metadata name dreamseed_user_id and call_number), others answered 200 ignored.',
  });

const TranscriptContent = z
  .union([
    z.string().min(1, 'is empty'),
    z.array(z.record(z.string(), z.unknown())).min(1, 'has no segments'),
    z.record(z.string(), z.unknown()),
  ])
  .openapi({
    description:
      'The call: text with speaker labels ("AI: …" / "Founder: …"), an array of {speaker, text, start?, end?}, or a VAPI end-of-call report object.',
  });

const TranscriptSubmission = z
  .object({
    user_id: UserId.optional(),
    call: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1, 2, 3 or 4')
      .max(4, 'must be 1, 2, 3 or 4'),
    transcript: TranscriptContent,
  })
  .strict()
  .openapi('TranscriptSubmission', {
    description: 'A founder (Bearer token or cookie), or the service role naming user_id, sends a call.',
  });

const Accepted = z
  .object({
    user_id: z.string(),
    call: z.number(),
    outcome: z.string(),
    transcript_id: z.string(),
    quality: z.unknown(),
    queued: z
      .boolean()
      .openapi({ description: 'Whether the call waits to be processed (false: done already)' }),
  })
  .openapi('TranscriptAccepted');
const Ignored = z
  .object({ ignored: z.literal(true), type: z.string().nullable() })
  .openapi('TranscriptIgnored');

export const transcriptProcessorRoute = createRoute({
  method: 'post',
  path: '/api/transcript-processor',
  summary:
    "A consultation call (VAPI's end-of-call report, or a founder's transcript) → stored, then its facts into Dream DNA by the worker's queue",
  security: WEBHOOK_SECURITY,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.union([TranscriptSubmission, VapiMessage]) } },
    },
  },
  responses: {
    200: {
      description: 'Another kind of VAPI server message: ignored',
      content: { 'application/json': { schema: Ignored } },
    },
    202: {
      description: 'Stored and queued: the worker extracts the facts, writes them to the DNA and rebuilds',
      content: { 'application/json': { schema: Accepted } },
    },
    ...errorResponses,
  },
});

type Mode = 'vapi' | 'founder';

/** VAPI's request when it carries a VAPI credential, or no founder credential at all. */
function modeOf(c: Context<AppEnv>, raw: string, secret: string | undefined): Mode {
  const h = c.req.raw.headers;
  if (h.has('x-vapi-secret') || h.has('x-vapi-signature')) return 'vapi';
  if (h.has('authorization')) {
    const verdict = verifyVapiRequest(h, raw, secret);
    return verdict.accepted ? 'vapi' : 'founder';
  }
  return getCookie(c, ACCESS_COOKIE) ? 'founder' : 'vapi';
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw errors.invalidInput(
      'The request body',
      ['(top level): the body is not JSON'],
      'Send JSON (the API contract is /api/openapi.json).',
    );
  }
}

/**
 * Who is calling, checked before the body is validated (an unauthenticated request learns
 * nothing), then the body against that caller's schema, so errors name that shape's fields.
 */
function dispatch(deps: RouteDeps, secret: () => string | undefined): MiddlewareHandler<AppEnv> {
  const founderAuth = requireCaller();
  return async (c, next) => {
    const raw = await c.req.text();
    if (modeOf(c, raw, secret()) === 'vapi') {
      const verdict = verifyVapiRequest(c.req.raw.headers, raw, secret());
      if (!verdict.accepted) throw errors.webhookUnauthorized(verdict.reason);
      const parsed = VapiMessage.safeParse(parseJson(raw));
      if (!parsed.success) throw validationError('body', parsed.error);
      return next();
    }
    await founderAuth(c, async () => {});
    const parsed = TranscriptSubmission.safeParse(parseJson(raw));
    if (!parsed.success) throw validationError('body', parsed.error);
    return deps.limiter.middleware(c, next);
  };
}

async function isPending(db: Database, transcriptId: string): Promise<boolean> {
  const [row] = await asService(db, (tx) =>
    tx.query<{ pending: boolean }>(
      `select metadata->>'content_hash' is distinct from metadata->>'processed_hash' as pending
         from public.transcripts_raw where id = $1`,
      [transcriptId],
    ),
  );
  return Boolean(row?.pending);
}

export function registerTranscriptProcessor(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  const secret = () => loadTranscriptConfig().vapiSecret;
  app.openapi(
    {
      ...transcriptProcessorRoute,
      middleware: [limitBody(TRANSCRIPT_BODY_LIMIT, 'The request body'), dispatch(deps, secret)],
    },
    async (c) => {
      const db = c.get('db');
      const raw = await c.req.text();
      const queued = async (stored: { transcriptId: string; call: number }, userId: string) => {
        const pending = await isPending(db, stored.transcriptId);
        if (pending) {
          await notifyTranscriptStored(db, stored.transcriptId);
          deps.log(`transcript: call ${stored.call} of ${userId} stored and queued`);
        }
        return pending;
      };

      if (!c.get('caller' as never)) {
        const { handleTranscriptRequest } = await import('../../transcripts/transcript-request.ts');
        const answer = await handleTranscriptRequest(
          db,
          { headers: c.req.raw.headers, rawBody: raw },
          secret(),
        );
        if (answer.status === 200) return c.json(answer.body as z.infer<typeof Ignored>, 200);
        if (answer.status !== 202) {
          // A refusal (validation, unknown founder): the catalogue's error shape.
          const error = answer.body.error as { code: string; message: string; hint?: string };
          return new Response(
            JSON.stringify({
              error: { code: error.code, message: error.message, hint: error.hint ?? null },
            }),
            { status: answer.status, headers: { 'content-type': 'application/json' } },
          ) as never;
        }
        const body = answer.body as Omit<z.infer<typeof Accepted>, 'queued'>;
        const pending = await queued({ transcriptId: body.transcript_id, call: body.call }, body.user_id);
        return c.json({ ...body, queued: pending }, 202);
      }

      const body = TranscriptSubmission.parse(JSON.parse(raw));
      const acting = await actingFounder(c, body.user_id, deps.log);
      const { addTranscript } = await import('../../transcripts/process-transcript.ts');
      const source = typeof body.transcript === 'string' ? body.transcript : JSON.stringify(body.transcript);
      const { stored } = await addTranscript(db, {
        user: acting.userId,
        call: body.call,
        source,
        label: 'in the request (transcript)',
      });
      const pending = await queued(stored, acting.userId);
      return c.json(
        {
          user_id: acting.userId,
          call: stored.call,
          outcome: stored.outcome,
          transcript_id: stored.transcriptId,
          quality: stored.quality.quality,
          queued: pending,
        },
        202,
      );
    },
  );
}
