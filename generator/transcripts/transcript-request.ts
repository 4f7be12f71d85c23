import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { findFounder } from '../dna/find-founder.ts';
import { type DreamseedError, errors, isDreamseedError } from '../errors.ts';
import { unwrapVapi } from './parse-vapi.ts';
import { addTranscript } from './process-transcript.ts';
import { verifyVapiRequest } from './vapi-webhook.ts';

/**
 * What `POST /api/transcript-processor` does with a VAPI server message,
 * as a function of the request (the HTTP server, another issue, wires it):
 *
 * 1. refuse it (401) unless it carries the shared secret (`vapi-webhook.ts`);
 * 2. answer 200 `ignored` for server messages other than end-of-call reports
 *    (VAPI sends status updates, transcripts in progress… to the same URL);
 * 3. find the founder and call from the call's metadata (422 when missing);
 * 4. store the call (validated; 422 naming what is wrong, nothing stored)
 *    and answer 202 at once. The returned `followUp` (founder, call) is the
 *    job for the queue: `processCall` extracts, writes and vectorises it.
 *
 * VAPI sends a report once and does not retry by default; a duplicate is
 * answered 202 with outcome `unchanged` and no follow-up work.
 */
export interface TranscriptRequest {
  headers: Record<string, string | string[] | undefined> | Headers;
  rawBody: string | Buffer;
}

export interface TranscriptResponse {
  status: number;
  body: Record<string, unknown>;
  followUp: { userId: string; call: number } | null;
}

export async function handleTranscriptRequest(
  db: Database,
  request: TranscriptRequest,
  secret: string | undefined,
): Promise<TranscriptResponse> {
  const verdict = verifyVapiRequest(request.headers, request.rawBody, secret);
  if (!verdict.accepted) return refusal(errors.webhookUnauthorized(verdict.reason));
  let raw: unknown;
  try {
    raw = JSON.parse(request.rawBody.toString());
  } catch {
    return refusal(
      errors.invalidInput(
        'The VAPI request',
        ['(top level): the body is not JSON'],
        'Send the server message as JSON.',
      ),
    );
  }
  const type = (unwrapVapi(raw).value as { type?: unknown } | null)?.type;
  if (type !== 'end-of-call-report')
    return {
      status: 200,
      body: { ignored: true, type: typeof type === 'string' ? type : null },
      followUp: null,
    };
  const meta = { ...readMeta(raw, 'assistant'), ...readMeta(raw, 'call') };
  const user = meta.dreamseed_user_id ?? meta.user_id;
  const call = Number(meta.call_number);
  if (typeof user !== 'string' || !user.trim())
    return refusal(errors.transcriptTarget('the call metadata names no founder (dreamseed_user_id)'));
  if (!Number.isInteger(call) || call < 1 || call > 4)
    return refusal(errors.transcriptTarget('the call metadata names no call_number from 1 to 4'));
  try {
    await asService(db, (tx) => findFounder(tx, user));
  } catch {
    return refusal(errors.transcriptTarget(`no founder "${user}" exists`));
  }
  try {
    const { founder, stored } = await addTranscript(db, {
      user,
      call,
      source: request.rawBody,
      label: 'from VAPI',
    });
    return {
      status: 202,
      body: {
        user_id: founder.id,
        call: stored.call,
        outcome: stored.outcome,
        transcript_id: stored.transcriptId,
        quality: stored.quality.quality,
      },
      followUp: stored.outcome === 'unchanged' ? null : { userId: founder.id, call: stored.call },
    };
  } catch (error) {
    if (isDreamseedError(error)) return refusal(error);
    throw error;
  }
}

function readMeta(raw: unknown, where: 'call' | 'assistant'): Record<string, unknown> {
  const m = unwrapVapi(raw).value as Record<string, { metadata?: unknown } | undefined> | null;
  const meta = m?.[where]?.metadata;
  return meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {};
}

function refusal(error: DreamseedError): TranscriptResponse {
  return { status: error.httpStatus, body: { error: error.toJSON() }, followUp: null };
}
