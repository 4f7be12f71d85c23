import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import sharp from 'sharp';
import { z } from 'zod';
import { assetRefsIn } from '../content/asset-refs.ts';
import { currentSections } from '../content/revisions.ts';
import { assetCategories } from '../dna/asset-categories.ts';
import { isDreamseedError } from '../errors.ts';
import { addFiles } from '../files/add-files.ts';
import { limits } from '../files/limits.ts';
import {
  categoriseMedia,
  confirmDescription,
  describeMedia,
  listMedia,
  type MediaItem,
  removeMediaRows,
  removeStoredObject,
} from '../files/manage-files.ts';
import { storageDriver } from '../files/storage/from-config.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { errorFields, type FieldErrors, fieldId, formError, parseForm, textField } from './forms.ts';
import { asSignedIn } from './founder-tx.ts';
import type { Html } from './layout.ts';
import { sectionName } from './section-name.ts';

/**
 * Media: upload photos (the same validation as `dreamseed files add`, the size
 * limit enforced on the request body before it is buffered), describe each
 * (an AI draft is shown for the founder to confirm or replace), and remove
 * one, with a warning first when a section shows it. The founder's own rows,
 * under Row Level Security.
 */
const idParam = z.uuid();
const uploadForm = z.object({
  _csrf: z.string(),
  file: z.instanceof(File, { error: 'Choose an image file to upload.' }).refine((f) => f.size > 0, {
    error: 'Choose an image file to upload.',
  }),
  category: z.enum(['', ...assetCategories], { error: 'Choose one of the categories.' }).optional(),
});
const describeForm = z.object({
  _csrf: z.string(),
  description: z
    .string()
    .trim()
    .min(1, { error: 'Say what the image shows.' })
    .max(limits.maxAltChars, { error: `Keep it under ${limits.maxAltChars} characters.` }),
});
const token = z.object({ _csrf: z.string() });
const categoryForm = z.object({
  _csrf: z.string(),
  category: z.enum(assetCategories, { error: 'Choose one of the categories.' }),
});

export function registerMedia(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const show = async (
    c: Context<StudioEnv>,
    problems?: { id?: string; errors: FieldErrors; values?: Record<string, string> },
  ) => {
    const founder = c.get('founder');
    const items = await asSignedIn(ctx, c, (tx) => listMedia(tx, founder.userId));
    const csrf = c.get('csrf');
    const uploadErrors = problems && !problems.id ? problems.errors : undefined;
    return ctx.render(
      c,
      'Media',
      '/media',
      html`<h1>Photos and logo</h1>
<form class="card" method="post" action="${ctx.base}/media" enctype="multipart/form-data" aria-labelledby="upload-heading">
<h2 id="upload-heading">Upload</h2>
<input type="hidden" name="_csrf" value="${csrf}">
${formError(uploadErrors)}
<label for="f-file">Image file</label>
<input type="file" id="f-file" name="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif,image/svg+xml" aria-describedby="f-file-hint${uploadErrors?.file ? ' f-file-error' : ''}"${uploadErrors?.file ? html` aria-invalid="true"` : ''}>
<p class="hint" id="f-file-hint">${`JPEG, PNG, WebP, AVIF, GIF or SVG, up to ${limits.maxBytes / 1024 / 1024} MB.`}</p>
${uploadErrors?.file ? html`<p class="field-error" id="f-file-error">${uploadErrors.file}</p>` : ''}
<label for="f-category">What is it?</label>
<select id="f-category" name="category"${uploadErrors?.category ? html` aria-invalid="true" aria-describedby="f-category-error"` : ''}><option value="">Let DreamSeed suggest</option>${assetCategories.map((cat) => html`<option value="${cat}">${cat}</option>`)}</select>
${uploadErrors?.category ? html`<p class="field-error" id="f-category-error">${uploadErrors.category}</p>` : ''}
<div class="actions"><button type="submit">Upload</button></div>
</form>
<h2>Your media</h2>
${items.length ? html`<div class="media-grid">${items.map((m) => mediaCard(ctx.base, csrf, m, problems?.id === m.id ? problems : undefined))}</div>` : html`<p>No photos yet.</p>`}`,
      problems ? 422 : 200,
    );
  };

  app.get('/media', (c) => show(c));

  app.post(
    '/media',
    bodyLimit({
      maxSize: limits.maxBytes + 64 * 1024,
      onError: (c) => c.html('<p>The file is larger than 25 MB: upload a smaller one.</p>', 413),
    }),
    async (c) => {
      const parsed = await parseForm(c, uploadForm);
      if (!parsed.ok) return show(c, { errors: parsed.errors });
      const founder = c.get('founder');
      const file = parsed.data.file;
      try {
        const [added] = await addFiles(
          {
            user: founder.userId,
            files: [
              {
                name: file.name,
                bytes: Buffer.from(await file.arrayBuffer()),
                declaredType: file.type || undefined,
              },
            ],
            category: parsed.data.category || undefined,
          },
          {
            db: ctx.deps.db,
            storage: storageDriver(ctx.deps.config),
            cacheDir: ctx.deps.config.cacheDir,
            asFounder: founder.authUserId,
          },
        );
        setFlash(c, ctx.base, {
          kind: 'ok',
          text: `${added!.status === 'added' ? 'Uploaded' : 'Already had'} ${added!.original_filename} as a ${added!.category}${added!.category_choice.by === 'suggested' ? ' (suggested from the picture)' : ''}.${added!.alt.status === 'needs_input' && added!.category !== 'logo' ? ' Describe it below so it can appear in your gallery.' : ''}`,
        });
        return c.redirect(`${ctx.base}/media`, 303);
      } catch (error) {
        if (!isDreamseedError(error) || error.httpStatus >= 500) throw error;
        const e = errorFields(error);
        return show(c, { errors: { file: Object.values(e).join(' ') } });
      }
    },
  );

  const asset = (c: Context<StudioEnv>) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? id.data : null;
  };

  // A small preview of the founder's own image (read from storage, resized; never another's: listed under RLS).
  app.get('/media/:id/image', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const founder = c.get('founder');
    const item = (await asSignedIn(ctx, c, (tx) => listMedia(tx, founder.userId))).find((m) => m.id === id);
    if (!item?.bucket || !item.storage_path) return c.notFound();
    const original = await storageDriver(ctx.deps.config, item.bucket).get(item.storage_path);
    const thumb = await sharp(original)
      .rotate()
      .resize({ width: 480, height: 360, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return c.body(new Uint8Array(thumb), 200, {
      'content-type': 'image/webp',
      'cache-control': 'private, max-age=300',
    });
  });

  app.post('/media/:id/describe', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const parsed = await parseForm(c, describeForm);
    if (!parsed.ok) return show(c, { id, errors: parsed.errors, values: parsed.values });
    const founder = c.get('founder');
    try {
      const result = await asSignedIn(ctx, c, (tx) =>
        describeMedia(tx, id, parsed.data.description, founder.userId),
      );
      setFlash(c, ctx.base, {
        kind: 'ok',
        text: `Described: “${result.description}”.`,
        items: result.notes.map((n) => ({ text: n })),
      });
      return c.redirect(`${ctx.base}/media#${fieldId(`m-${id}`)}`, 303);
    } catch (error) {
      if (!isDreamseedError(error) || error.httpStatus >= 500 || error.code === 'NOT_FOUND') throw error;
      return show(c, {
        id,
        errors: { description: Object.values(errorFields(error)).join(' ') },
        values: parsed.data,
      });
    }
  });

  app.post('/media/:id/category', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const parsed = await parseForm(c, categoryForm);
    if (!parsed.ok) return show(c, { id, errors: parsed.errors, values: parsed.values });
    const result = await asSignedIn(ctx, c, (tx) =>
      categoriseMedia(tx, id, parsed.data.category, c.get('founder').userId),
    );
    setFlash(c, ctx.base, {
      kind: result.shown_by.length ? 'warn' : 'ok',
      text:
        result.from === result.category
          ? `It is already in ${result.category}.`
          : `Moved from ${result.from} to ${result.category}${result.is_primary ? ' (its main image)' : ''}; the preview rebuilds.${result.shown_by.length ? ' Sections that showed it place it by its new category:' : ''}`,
      items: result.shown_by.map((s) => ({ text: sectionName(s.page, s.key) })),
    });
    return c.redirect(`${ctx.base}/media#${fieldId(`m-${id}`)}`, 303);
  });

  app.post('/media/:id/confirm', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const parsed = await parseForm(c, token);
    if (!parsed.ok) return show(c, { id, errors: parsed.errors });
    const result = await asSignedIn(ctx, c, (tx) => confirmDescription(tx, id, c.get('founder').userId));
    setFlash(c, ctx.base, { kind: 'ok', text: `Description confirmed: “${result.description}”.` });
    return c.redirect(`${ctx.base}/media`, 303);
  });

  app.get('/media/:id/remove', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const founder = c.get('founder');
    const { item, shownBy } = await asSignedIn(ctx, c, async (tx) => {
      const item = (await listMedia(tx, founder.userId)).find((m) => m.id === id);
      const sections = await currentSections(tx, founder.userId);
      return { item, shownBy: sections.filter((s) => assetRefsIn(s.content).includes(id)) };
    });
    if (!item) return c.notFound();
    return ctx.render(
      c,
      'Remove media',
      '/media',
      html`<h1>Remove ${item.name ?? item.original_filename ?? 'this image'}?</h1>
${shownBy.length ? html`<div class="notice warn" role="alert"><p>This image is in use. These sections show it:</p><ul>${shownBy.map((s) => html`<li>${sectionName(s.page, s.section_key)} (${s.status === 'approved' || s.edited_by_founder ? 'kept, shown without the image' : 'rewritten at the next build'})</li>`)}</ul></div>` : html`<p>No section shows this image.</p>`}
<div class="actions"><form method="post" action="${ctx.base}/media/${id}/remove"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button type="submit" class="danger">Remove it</button></form><a href="${ctx.base}/media">Keep it</a></div>`,
    );
  });

  app.post('/media/:id/remove', async (c) => {
    const id = asset(c);
    if (!id) return c.notFound();
    const parsed = await parseForm(c, token);
    if (!parsed.ok) return show(c, { id, errors: parsed.errors });
    const removed = await asSignedIn(ctx, c, (tx) => removeMediaRows(tx, id, c.get('founder').userId));
    let note: string | null = null;
    if (removed.orphaned && removed.bucket) {
      try {
        await removeStoredObject(storageDriver(ctx.deps.config, removed.bucket), removed.storage_path);
      } catch {
        note = 'The stored file could not be deleted; it is no longer used.';
      }
    }
    setFlash(c, ctx.base, {
      kind: removed.shown_by.length ? 'warn' : 'ok',
      text: `Removed.${removed.shown_by.length ? ' Sections that showed it:' : ''}${note ? ` ${note}` : ''}`,
      items: removed.shown_by.map((s) => ({
        text: `${sectionName(s.page, s.key)}: ${s.status === 'approved' || s.edited_by_founder ? 'its copy is kept and shown without the image' : 'rewritten at the next build'}`,
      })),
    });
    return c.redirect(`${ctx.base}/media`, 303);
  });
}

function mediaCard(
  base: string,
  csrf: string,
  m: MediaItem,
  problems?: { errors: FieldErrors; values?: Record<string, string> },
): Html {
  const name = m.name ?? m.original_filename ?? 'image';
  const headingId = fieldId(`m-${m.id}`);
  return html`<section class="card" aria-labelledby="${headingId}">
<h3 id="${headingId}">${name}</h3>
${m.bucket && m.storage_path ? html`<img src="${base}/media/${m.id}/image" alt="" ${m.width && m.height ? html`width="${Math.min(480, m.width)}" height="${Math.round((Math.min(480, m.width) * m.height) / m.width)}"` : ''} loading="lazy">` : ''}
<dl class="meta"><dt>Category</dt><dd>${m.category}${m.is_primary ? ' (main)' : ''}</dd><dt>Size</dt><dd>${m.width && m.height ? `${m.width} × ${m.height}` : '—'}</dd>
<dt>Description</dt><dd>${m.description ?? (m.category === 'logo' ? 'Not needed for a logo' : 'None yet: shown only as decoration until described')}</dd></dl>
${m.draft && !m.description ? html`<div class="notice warn"><p>Suggested description (written by AI, not used until you confirm it): “${m.draft}”</p><form method="post" action="${base}/media/${m.id}/confirm"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" aria-label="Use this description: ${name}">Use this description</button></form></div>` : ''}
<form method="post" action="${base}/media/${m.id}/describe">
<input type="hidden" name="_csrf" value="${csrf}">
${textField({ name: 'description', id: fieldId(`d-${m.id}`), label: `Describe ${name}`, value: problems?.values?.description ?? m.description ?? '', error: problems?.errors.description, hint: 'What the picture shows, for people who cannot see it.' })}
<div class="actions"><button type="submit" aria-label="Save description: ${name}">Save description</button><a href="${base}/media/${m.id}/remove">Remove ${name}</a></div>
</form>
<form method="post" action="${base}/media/${m.id}/category" class="inline">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="${fieldId(`c-${m.id}`)}">Category of ${name}</label>
<select id="${fieldId(`c-${m.id}`)}" name="category"${problems?.errors.category ? html` aria-invalid="true" aria-describedby="${fieldId(`c-${m.id}`)}-error"` : ''}>${assetCategories.map((cat) => html`<option value="${cat}"${cat === m.category ? ' selected' : ''}>${cat}</option>`)}</select>
${problems?.errors.category ? html`<p class="field-error" id="${fieldId(`c-${m.id}`)}-error">${problems.errors.category}</p>` : ''}
<button type="submit" aria-label="Change category: ${name}">Change category</button>
</form>
</section>`;
}
