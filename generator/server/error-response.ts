import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type DreamseedError, errors, formatIssues, isDreamseedError } from '../errors.ts';

/**
 * Every error the API answers is `{ error: { code, message, hint } }` with a code of the
 * catalogue (generator/error-catalogue.ts) and its HTTP status: 4xx for the caller's mistakes,
 * 5xx only for ours, and never a stack trace (ours are logged, not sent).
 */
export interface ErrorBody {
  error: { code: string; message: string; hint: string | null; data?: Record<string, unknown> };
}

export function errorBody(error: DreamseedError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      hint: error.hint ?? null,
      ...(error.data ? { data: error.data } : {}),
    },
  };
}

export function errorResponse(c: Context, error: DreamseedError): Response {
  return c.json(errorBody(error), error.httpStatus as ContentfulStatusCode);
}

/** The error for a request that failed zod validation: every issue named with its field. */
export function validationError(target: string, error: z.ZodError): DreamseedError {
  return errors.invalidInput(
    `The request ${target}`,
    formatIssues(error),
    'Fix the named fields (the API contract is /api/openapi.json).',
  );
}

/** Maps anything thrown in a handler to a catalogue error; unknown ones are ours (500, logged). */
export function toDreamseedError(error: unknown, log: (line: string) => void): DreamseedError {
  if (isDreamseedError(error)) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return errors.bodyTooLarge('The request body', Number(error.message) || 0);
    if (error.status === 415)
      return errors.usage(
        'The request body has a content type this route does not take.',
        'Send JSON (Content-Type: application/json), or multipart/form-data for /api/file-upload.',
      );
    if (error.status < 500) return errors.usage(`The request was refused: ${error.message || error.status}.`);
  }
  log(`server error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errors.serverFailed();
}
