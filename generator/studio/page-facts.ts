import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { fieldInfo, parseAssignments } from '../dna/fact-fields.ts';
import { showFacts } from '../dna/show-facts.ts';
import { writeFacts } from '../dna/write-facts.ts';
import { isDreamseedError } from '../errors.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { errorFields, type FieldErrors, fieldId, parseForm } from './forms.ts';
import { asSignedIn, when } from './founder-tx.ts';
import type { Html } from './layout.ts';

/**
 * Facts: the founder's Dream DNA, each fact with its confidence, whether they
 * confirmed it, where the current version came from, and its other readings.
 * Correcting one writes it through the `dna set` path (`writeFacts`, as the
 * founder: validated by them, confidence 1); the change-capture triggers then
 * request a build, and the worker refreshes the preview.
 */
const factForm = z.object({
  _csrf: z.string(),
  field: z.string().regex(/^[a-z_]{1,64}$/, { error: 'Choose a fact to correct.' }),
  value: z.string().max(20_000, { error: 'Keep it under 20,000 characters.' }),
});

export function registerFacts(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const show = async (
    c: Context<StudioEnv>,
    problem?: { field: string; value: string; errors: FieldErrors },
  ) => {
    const founder = c.get('founder');
    const view = await asSignedIn(ctx, c, (tx) => showFacts(tx, founder.userId));
    const csrf = c.get('csrf');
    return ctx.render(
      c,
      'Facts',
      '/facts',
      html`<h1>Your facts</h1>
<p>What we know about your business, from your calls. Correct anything that is wrong: your site is rebuilt with it, and the preview updates in a minute or so.</p>
${view.truth ? html`<p class="hint">Version ${view.truth.version}, last written from ${view.truth.extraction_source ?? 'an unknown source'} on ${when(view.truth.updated_at)}.</p>` : html`<p>No facts yet.</p>`}
${problem?.errors._form && !problem.errors[problem.field] ? html`<p class="field-error" role="alert">${problem.errors._form}</p>` : ''}
${view.facts.map((f) => factRow(ctx.base, csrf, f, problem?.field === f.field ? problem : undefined))}`,
      problem ? 422 : 200,
    );
  };

  app.get('/facts', (c) => show(c));

  app.post('/facts', async (c) => {
    const parsed = await parseForm(c, factForm);
    if (!parsed.ok)
      return show(c, {
        field: parsed.values.field ?? '',
        value: parsed.values.value ?? '',
        errors: parsed.errors,
      });
    const { field, value } = parsed.data;
    const founder = c.get('founder');
    try {
      const values = parseAssignments([`${field}=${value}`]);
      const result = await writeFacts(ctx.deps.db, {
        user: founder.userId,
        values,
        source: 'manual_input',
        actor: { kind: 'founder' },
      });
      setFlash(c, ctx.base, {
        kind: 'ok',
        text: result.written.length
          ? `Saved ${field}. Your site is being rebuilt with it: the preview updates when the build is done.`
          : `Confirmed ${field} as it was.`,
      });
      return c.redirect(`${ctx.base}/facts#${fieldId(field)}`, 303);
    } catch (error) {
      if (!isDreamseedError(error) || error.httpStatus >= 500) throw error;
      const errors = errorFields(error);
      const mine = Object.entries(errors).filter(([k]) => k === field || k.startsWith(`${field}.`));
      const fieldErrors: FieldErrors = mine.length
        ? {
            [field]: mine.map(([k, v]) => (k === field ? v : `${k.slice(field.length + 1)}: ${v}`)).join(' '),
          }
        : { _form: errors._form ?? error.message };
      return show(c, { field, value, errors: fieldErrors });
    }
  });
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : JSON.stringify(value, null, 1);
}

function factRow(
  base: string,
  csrf: string,
  f: Awaited<ReturnType<typeof showFacts>>['facts'][number],
  problem?: { value: string; errors: FieldErrors },
): Html {
  const id = fieldId(f.field);
  const kind = fieldInfo(f.field)?.kind ?? 'text';
  const value = problem ? problem.value : display(f.value);
  const error = problem?.errors[f.field] ?? problem?.errors.value;
  const multiline = kind === 'json' || value.length > 70;
  const described = `${id}-about${error ? ` ${id}-error` : ''}`;
  const attrs = html`id="${id}" name="value"${error ? html` aria-invalid="true"` : ''} aria-describedby="${described}"`;
  return html`<form class="card" method="post" action="${base}/facts">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="field" value="${f.field}">
<label for="${id}">${f.field.replaceAll('_', ' ')}</label>
${multiline ? html`<textarea ${attrs}>${value}</textarea>` : html`<input type="${kind === 'number' ? 'number' : 'text'}" ${attrs} value="${value}"${kind === 'number' ? html` step="any"` : ''}>`}
<p class="hint" id="${id}-about">${f.validated ? 'Confirmed by you' : f.confidence === null ? (f.value === null ? 'Not known yet' : 'Confidence unknown') : `${Math.round(f.confidence * 100)}% confident`}${kind === 'json' ? ' · a JSON list' : ''}${f.readings?.alternatives.length ? ` · other readings: ${f.readings.alternatives.map((a) => `“${a.reading}”`).join(', ')}` : ''}</p>
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
<div class="actions"><button type="submit" aria-label="Save ${f.field.replaceAll('_', ' ')}">Save</button></div>
</form>`;
}
