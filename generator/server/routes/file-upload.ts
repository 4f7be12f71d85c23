import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { assetCategories } from '../../dna/asset-categories.ts';
import { errors } from '../../errors.ts';
import { limits } from '../../files/limits.ts';
import { limitBody } from '../body-limit.ts';
import type { AppEnv } from '../env.ts';
import { actingFounder, requireCaller } from '../founder-scope.ts';
import { FOUNDER_SECURITY } from '../openapi.ts';
import type { RouteDeps } from './route-deps.ts';
import { errorResponses, UserId } from './shared-schemas.ts';

/** Room for the multipart framing and the small fields around the file. */
const MULTIPART_OVERHEAD = 16 * 1024;

const UploadForm = z
  .object({
    file: z.instanceof(File, { message: 'must be a file (multipart field "file")' }).openapi({
      type: 'string',
      format: 'binary',
      description: `The image: ${'JPEG, PNG, WebP, AVIF, GIF or SVG'}`,
    }),
    category: z
      .enum(assetCategories)
      .optional()
      .openapi({ description: 'What it is; left out, it is suggested from the pixels' }),
    description: z.string().max(limits.maxAltChars).optional().openapi({ description: 'Alt text' }),
    user_id: UserId.optional(),
  })
  .openapi('FileUpload');

const Asset = z
  .object({
    status: z.enum(['added', 'already_stored']),
    media_asset_id: z.string(),
    file_bucket_id: z.string(),
    category: z.enum(assetCategories),
    category_choice: z.record(z.string(), z.unknown()),
    suggested_category: z.enum(assetCategories).nullable(),
    storage_path: z.string(),
    original_filename: z.string(),
    mime_type: z.string(),
    bytes: z.number(),
    width: z.number(),
    height: z.number(),
    alt: z.object({ status: z.string(), text: z.string().nullable() }),
    notes: z.array(z.string()),
  })
  .openapi('StoredAsset');

export const fileUploadRoute = createRoute({
  method: 'post',
  path: '/api/file-upload',
  summary: "Add a logo or photo to the caller's media (validated as `dreamseed files add`)",
  security: FOUNDER_SECURITY,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: Asset } } },
    ...errorResponses,
  },
});

export function registerFileUpload(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  const maxFile = deps.uploadLimitBytes ?? limits.maxBytes;
  app.openapi(
    {
      ...fileUploadRoute,
      // Credentials first (no body is read for a stranger), then the limit while the body streams in.
      middleware: [
        requireCaller(),
        deps.limiter.middleware,
        limitBody(maxFile + MULTIPART_OVERHEAD, 'The upload'),
      ],
    },
    async (c) => {
      const form = c.req.valid('form');
      const file = form.file;
      if (file.size > maxFile) throw errors.bodyTooLarge(`The file ${JSON.stringify(file.name)}`, maxFile);
      const acting = await actingFounder(c, form.user_id, deps.log);
      const { addFiles } = await import('../../files/add-files.ts');
      const { storageDriver } = await import('../../files/storage/from-config.ts');
      const config = c.get('config');
      const [added] = await addFiles(
        {
          user: acting.userId,
          files: [
            {
              name: file.name || 'upload',
              bytes: Buffer.from(await file.arrayBuffer()),
              declaredType: file.type || undefined,
            },
          ],
          category: form.category,
          description: form.description,
        },
        {
          db: c.get('db'),
          storage: storageDriver(config),
          cacheDir: config.cacheDir,
          asFounder: acting.caller.kind === 'founder' ? (acting.authUserId ?? undefined) : undefined,
        },
      );
      if (!added) throw errors.serverFailed();
      return c.json(
        {
          status: added.status,
          media_asset_id: added.media_asset_id,
          file_bucket_id: added.file_bucket_id,
          category: added.category,
          category_choice: added.category_choice as unknown as Record<string, unknown>,
          suggested_category: added.category_choice.by === 'suggested' ? added.category : null,
          storage_path: added.storage_path,
          original_filename: added.original_filename,
          mime_type: added.mime_type,
          bytes: added.bytes,
          width: added.width,
          height: added.height,
          alt: added.alt,
          notes: added.notes,
        },
        201,
      );
    },
  );
}
