import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errors } from '../errors.ts';

/** Default limit of a JSON body. */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Hono's bodyLimit: refuses a declared Content-Length over the limit at once, and otherwise
 * counts the bytes as they stream in and stops reading at the limit, so a body is never
 * buffered past it. The refusal is the catalogue's BODY_TOO_LARGE (413).
 */
export function limitBody(maxBytes: number, what = 'The request body'): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw errors.bodyTooLarge(what, maxBytes);
    },
  });
}
