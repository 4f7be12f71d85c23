import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { loadCatalog } from '../catalog/registry.ts';
import {
  currentRevision,
  resolveSection,
  type SectionIdentity,
  type SectionRow,
  sectionHistory,
} from '../content/revisions.ts';
import {
  approveSection,
  chooseAlternative,
  editSection,
  rejectSection,
  restoreRevision,
} from '../content/section-actions.ts';
import type { Queryable } from '../db/database.ts';
import { errors, isDreamseedError } from '../errors.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { errorFields, type FieldErrors, formError, parseForm, textField } from './forms.ts';
import { asSignedIn, when } from './founder-tx.ts';
import type { Html } from './layout.ts';
import { provenanceList, statusBadge } from './page-sections.ts';
import { sectionName } from './section-name.ts';

/**
 * One section: its content as editable fields (validated against the
 * section's schema on save, errors next to the field), the facts it used, its
 * alternative readings to choose from, its revision history to restore from,
 * and approve, reject and regenerate. Every action is the CLI's own
 * (content/section-actions.ts), run as the founder; the id must be one of
 * theirs (another founder's is not found: Row Level Security hides it).
 */
const idParam = z.uuid();
const token = { _csrf: z.string() };
const editForm = z.object(token).catchall(z.string().max(5000, { error: 'Keep it under 5,000 characters.' }));
const chooseForm = z.object({
  ...token,
  alternative: z.string({ error: 'Choose one of the readings.' }).regex(/^[A-Za-z0-9_:.-]{1,80}$/, {
    error: 'Choose one of the readings.',
  }),
});
const restoreForm = z.object({
  ...token,
  revision: z.coerce.number({ error: 'Choose a revision.' }).int().min(1, { error: 'Choose a revision.' }),
});

export function registerSection(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const identify = async (c: Context<StudioEnv>, tx: Queryable): Promise<SectionIdentity> => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success)
      throw errors.notFound('section', String(c.req.param('id')), 'Open a section from the list.');
    return resolveSection(tx, id.data, c.get('founder').userId);
  };
  const back = (c: Context<StudioEnv>, id: string) =>
    c.req.query('back') === 'list' ? `${ctx.base}/sections#s-${id}` : `${ctx.base}/sections/${id}`;

  const show = async (
    c: Context<StudioEnv>,
    problems?: { errors: FieldErrors; values: Record<string, string> },
  ) => {
    const data = await asSignedIn(ctx, c, async (tx) => {
      const s = await identify(c, tx);
      return { row: await currentRevision(tx, s), history: await sectionHistory(tx, s) };
    });
    return ctx.render(
      c,
      sectionName(data.row.page, data.row.section_key),
      '/sections',
      sectionPage(ctx.base, c.get('csrf'), data.row, data.history, problems),
      problems ? 422 : 200,
    );
  };

  app.get('/sections/:id', (c) => show(c));

  const simple = (name: 'approve' | 'reject', act: typeof approveSection, done: string) =>
    app.post(`/sections/:id/${name}`, async (c) => {
      const parsed = await parseForm(c, z.object(token));
      if (!parsed.ok) return show(c, parsed);
      const row = await asSignedIn(ctx, c, async (tx) =>
        act(tx, await identify(c, tx), c.get('founder').authUserId),
      );
      setFlash(c, ctx.base, { kind: 'ok', text: `${sectionName(row.page, row.section_key)}: ${done}.` });
      return c.redirect(back(c, row.id), 303);
    });
  simple('approve', approveSection, 'approved');
  simple('reject', rejectSection, 'rejected; it is rewritten when you regenerate it');

  app.post('/sections/:id/edit', async (c) => {
    const parsed = await parseForm(c, editForm);
    if (!parsed.ok) return show(c, parsed);
    const values = Object.fromEntries(
      Object.entries(parsed.data)
        .filter(([k, v]) => k.startsWith('f.') && typeof v === 'string')
        .map(([k, v]) => [k.slice(2), String(v)]),
    );
    const founder = c.get('founder');
    try {
      const row = await asSignedIn(ctx, c, async (tx) => {
        const s = await identify(c, tx);
        const current = await currentRevision(tx, s);
        const before = Object.fromEntries(editableFields(current).map((f) => [f.path, f.value]));
        const edits = Object.entries(values)
          .filter(([path, value]) => (before[path] ?? '') !== value)
          .map(([path, value]) => ({ path, value }));
        if (!edits.length) throw errors.usage('Nothing changed: change a field, then save.');
        const section = (await loadCatalog()).sections.get(s.section_type);
        if (!section) throw errors.notFound('section type', s.section_type, 'Regenerate the section.');
        return editSection(tx, s, section, edits, founder.authUserId);
      });
      setFlash(c, ctx.base, {
        kind: 'ok',
        text: `${sectionName(row.page, row.section_key)}: saved as revision ${row.revision}. Your site is rebuilding with it; approve it when you are happy.`,
      });
      return c.redirect(`${ctx.base}/sections/${row.id}`, 303);
    } catch (error) {
      if (!isDreamseedError(error) || error.httpStatus >= 500 || error.code === 'NOT_FOUND') throw error;
      return show(c, {
        errors: errorFields(error, Object.keys(values)),
        values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`f.${k}`, v])),
      });
    }
  });

  app.post('/sections/:id/choose', async (c) => {
    const parsed = await parseForm(c, chooseForm);
    if (!parsed.ok) return show(c, parsed);
    const row = await asSignedIn(ctx, c, async (tx) =>
      chooseAlternative(tx, await identify(c, tx), parsed.data.alternative, c.get('founder').authUserId),
    );
    setFlash(c, ctx.base, {
      kind: 'ok',
      text: `${sectionName(row.page, row.section_key)}: the other reading is now revision ${row.revision}. Your site is rebuilding with it.`,
    });
    return c.redirect(`${ctx.base}/sections/${row.id}`, 303);
  });

  app.post('/sections/:id/restore', async (c) => {
    const parsed = await parseForm(c, restoreForm);
    if (!parsed.ok) return show(c, parsed);
    const row = await asSignedIn(ctx, c, async (tx) =>
      restoreRevision(tx, await identify(c, tx), parsed.data.revision, c.get('founder').authUserId),
    );
    setFlash(c, ctx.base, {
      kind: 'ok',
      text: `${sectionName(row.page, row.section_key)}: revision ${parsed.data.revision} restored as revision ${row.revision}.`,
    });
    return c.redirect(`${ctx.base}/sections/${row.id}`, 303);
  });

  app.post('/sections/:id/regenerate', async (c) => {
    const parsed = await parseForm(c, z.object(token));
    if (!parsed.ok) return show(c, parsed);
    const s = await asSignedIn(ctx, c, (tx) => identify(c, tx));
    const { generateSiteDetailed } = await import('../pipeline.ts');
    // The pipeline records the build as the service role, as `dreamseed sections regenerate` does: the
    // founder asked for it and owns the section (checked above, under Row Level Security).
    const { summary } = await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: s.user_id },
      db: ctx.deps.db,
      writer: ctx.deps.writer,
      regenerate: [{ page: s.page, key: s.section_key }],
    });
    const row = await asSignedIn(ctx, c, (tx) => currentRevision(tx, s));
    setFlash(c, ctx.base, {
      kind: summary.warnings.length ? 'warn' : 'ok',
      text: `${sectionName(row.page, row.section_key)}: rewritten as revision ${row.revision}, and the preview rebuilt.`,
      items: summary.warnings.map((w) => ({ text: w })),
    });
    return c.redirect(`${ctx.base}/sections/${row.id}`, 303);
  });
}

/** The content's text and number leaves as dot paths, plus the fields a section waiting for facts lacks. */
export function editableFields(row: SectionRow): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' || typeof value === 'number') out.push({ path, value: String(value) });
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, path ? `${path}.${i}` : String(i));
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  if (row.status !== 'needs_input') walk(row.content, '');
  for (const missing of row.missing_fields ?? [])
    if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(missing) && !out.some((f) => f.path === missing))
      out.push({ path: missing, value: '' });
  return out;
}

/** A content path as a label: `cta.label` → `Cta › Label`, `items.0.title` → `Items › 1 › Title`. */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part)
        ? String(Number(part) + 1)
        : part.charAt(0).toUpperCase() + part.slice(1).replace(/_/g, ' '),
    )
    .join(' › ');
}

const LONG = /description|lede|body|text|summary|story|intro|quote/i;

function sectionPage(
  base: string,
  csrf: string,
  row: SectionRow,
  history: SectionRow[],
  problems?: { errors: FieldErrors; values: Record<string, string> },
): Html {
  const label = sectionName(row.page, row.section_key);
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
  const alternatives = row.alternatives ?? [];
  const fields = editableFields(row);
  return html`<p><a href="${base}/sections">All sections</a></p>
<h1>${label}</h1>
<p>${statusBadge(row.status)} · revision ${row.revision} · ${row.section_type} · written by ${row.edited_by_founder ? 'you' : (row.writer ?? 'the generator')}</p>
<div class="actions">
${row.status !== 'approved' && row.status !== 'needs_input' ? html`<form method="post" action="${base}/sections/${row.id}/approve">${hidden}<button type="submit">Approve</button></form>` : ''}
${row.status !== 'rejected' && row.status !== 'needs_input' ? html`<form method="post" action="${base}/sections/${row.id}/reject">${hidden}<button type="submit" class="secondary">Reject</button></form>` : ''}
<form method="post" action="${base}/sections/${row.id}/regenerate">${hidden}<button type="submit" class="secondary">Regenerate</button></form>
</div>
<p class="hint">Regenerate writes this section anew from your facts (even if you edited or approved it) and rebuilds the preview; it takes a few seconds.</p>
<h2>Facts it used</h2>
${provenanceList(row)}
<h2 id="edit-heading">Edit</h2>
<form method="post" action="${base}/sections/${row.id}/edit" aria-labelledby="edit-heading" novalidate>
${hidden}
${formError(problems?.errors)}
${fields.length ? fields.map((f) => textField({ name: `f.${f.path}`, label: fieldLabel(f.path), value: problems?.values[`f.${f.path}`] ?? f.value, error: problems?.errors[f.path], multiline: LONG.test(f.path) || f.value.length > 80 })) : html`<p>This section has no text to edit.</p>`}
<p class="hint">Plain text only. Empty a field to remove it, where the section allows.</p>
<div class="actions"><button type="submit">Save changes</button></div>
</form>
<h2>Other readings</h2>
${
  alternatives.length
    ? html`<p>Some facts this section uses could be read another way. Choosing a reading rewrites the section with it.</p>
<form method="post" action="${base}/sections/${row.id}/choose">${hidden}
<fieldset><legend>Readings</legend>
${alternatives.map((a, i) => html`<div><input type="radio" id="alt-${i}" name="alternative" value="${a.id}"${i === 0 ? ' checked' : ''}> <label for="alt-${i}" style="display:inline">${a.field} is “${a.reading}”${a.confidence === null ? '' : ` (${Math.round(a.confidence * 100)}% confident)`}</label></div>`)}
</fieldset>
${problems?.errors.alternative ? html`<p class="field-error">${problems.errors.alternative}</p>` : ''}
<div class="actions"><button type="submit">Use this reading</button></div>
</form>`
    : html`<p>None: the facts it uses are confident, or you confirmed them.</p>`
}
<h2>History</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Revisions of ${label}"><table>
<caption class="visually-hidden">Revisions of ${label}</caption>
<thead><tr><th scope="col">Revision</th><th scope="col">Status</th><th scope="col">Written by</th><th scope="col">When</th><th scope="col">Restore</th></tr></thead>
<tbody>${history
    .slice()
    .reverse()
    .map(
      (r) =>
        html`<tr><td>${r.revision}${r.is_current ? ' (current)' : ''}</td><td>${statusBadge(r.status)}</td><td>${r.edited_by_founder ? 'you' : (r.writer ?? '—')}</td><td>${when(r.created_at)}</td><td>${r.is_current ? '—' : html`<form method="post" action="${base}/sections/${row.id}/restore">${hidden}<input type="hidden" name="revision" value="${r.revision}"><button type="submit" class="secondary" aria-label="Restore revision ${r.revision}">Restore</button></form>`}</td></tr>`,
    )}</tbody>
</table></div>`;
}
