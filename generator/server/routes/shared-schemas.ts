import { z } from '@hono/zod-openapi';

/** A founder named in a body or query: their users.id. */
export const UserId = z.string().uuid('must be a users.id (a UUID)').openapi({
  description:
    "The founder (users.id). A founder's token may omit it (itself); the service role must give it.",
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'A code of docs/errors.md' }),
      message: z.string(),
      hint: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

const json = { 'application/json': { schema: ErrorSchema } };

/** The error answers every founder route can give. */
export const errorResponses = {
  400: { description: 'Bad usage (USAGE)', content: json },
  401: { description: 'No or invalid credentials (AUTH_REQUIRED, AUTH_INVALID)', content: json },
  403: { description: "Another founder's site, or no founder profile (FORBIDDEN)", content: json },
  404: { description: 'No such founder (NOT_FOUND)', content: json },
  413: { description: 'Body over the limit (BODY_TOO_LARGE)', content: json },
  422: { description: 'Invalid input, every field named (INVALID_INPUT, FILE_REFUSED…)', content: json },
  429: { description: 'Rate limited (RATE_LIMITED)', content: json },
  500: { description: 'Our failure (SERVER_FAILED, BUILD_FAILED…)', content: json },
} as const;
