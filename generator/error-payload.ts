import { catalogue, type ErrorCode } from './error-catalogue.ts';
import { DreamseedError, isDreamseedError } from './errors.ts';

/**
 * An error crossing a process boundary (a build process, the page renderer),
 * sent over IPC as plain data: `errorPayload` on the child's side, `reviveError`
 * on the parent's, which gives back the same code, message, hint and data; a
 * code this side does not know becomes a plain Error with the message.
 */
export interface ErrorPayload {
  message: string;
  code?: string;
  hint?: string | undefined;
  data?: unknown;
}

export function errorPayload(error: unknown): ErrorPayload {
  return isDreamseedError(error)
    ? { message: error.message, code: error.code, hint: error.hint, data: error.data }
    : { message: error instanceof Error ? error.message : String(error) };
}

export function reviveError(error: ErrorPayload): Error {
  return error.code && error.code in catalogue
    ? new DreamseedError({
        code: error.code as ErrorCode,
        message: error.message,
        hint: error.hint,
        data: error.data as Record<string, unknown> | undefined,
      })
    : new Error(error.message);
}
