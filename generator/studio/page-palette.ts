import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { contrastReport } from '../brand/contrast-pairs.ts';
import { storedPaletteOptions, storePaletteChoice } from '../brand/record-brand.ts';
import { findWebsite } from '../deploy/deployments.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { type FieldErrors, parseForm } from './forms.ts';
import { asSignedIn } from './founder-tx.ts';

/**
 * Palette: the three options the latest build offered (`dreamseed brand
 * palettes`), each with its swatches and whether every colour pair reaches its
 * contrast; choosing one stores the pick as `brand choose` does, and the
 * change-capture trigger requests a build, so the preview follows.
 */
const SHOWN_ROLES = ['primary', 'accent', 'bg', 'surface', 'text', 'link'] as const;
const chooseForm = z.object({
  _csrf: z.string(),
  option: z.coerce
    .number({ error: 'Choose one of the palettes.' })
    .int()
    .min(0)
    .max(9, { error: 'Choose one of the palettes.' }),
});

export function registerPalette(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const show = async (c: Context<StudioEnv>, errors?: FieldErrors) => {
    const founder = c.get('founder');
    const stored = await asSignedIn(ctx, c, async (tx) =>
      storedPaletteOptions(tx, (await findWebsite(tx, founder.userId)).id),
    );
    if (!stored)
      return ctx.render(
        c,
        'Palette',
        '/palette',
        html`<h1>Palette</h1><p>Your site has no palette options yet: the first build makes them, from your logo and photos or your kind of business.</p>`,
      );
    return ctx.render(
      c,
      'Palette',
      '/palette',
      html`<h1>Palette</h1>
<p>Three colour palettes for your site. Choose one and your preview is rebuilt with it.</p>
<form method="post" action="${ctx.base}/palette">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<fieldset><legend>Palettes</legend>
${errors?.option ? html`<p class="field-error" id="option-error">${errors.option}</p>` : ''}
${stored.options.map((o) => {
  const pairs = contrastReport(o.roles);
  const failing = pairs.filter((p) => !p.pass);
  return html`<div class="card">
<input type="radio" id="palette-${o.index}" name="option" value="${o.index}"${o.index === stored.selected ? ' checked' : ''}${errors?.option ? html` aria-describedby="option-error"` : ''}>
<label for="palette-${o.index}" style="display:inline">${o.label}${o.index === stored.selected ? ' (in use)' : ''}</label>
<div class="swatches">${SHOWN_ROLES.map((role) => html`<span class="swatch"><span style="background:${o.roles[role]}"></span><span>${role} ${o.roles[role]}</span></span>`)}</div>
<p>${failing.length ? html`<span class="status failed">${failing.length} of ${pairs.length} colour pairs lack contrast</span>` : html`<span class="status passed">all ${pairs.length} colour pairs have enough contrast</span>`}</p>
${failing.length ? html`<ul>${failing.map((p) => html`<li>${p.fg} on ${p.bg}: ${p.ratio}:1, needs ${p.required}:1</li>`)}</ul>` : ''}
</div>`;
})}
</fieldset>
<div class="actions"><button type="submit">Use this palette</button></div>
</form>`,
      errors ? 422 : 200,
    );
  };

  app.get('/palette', (c) => show(c));
  app.post('/palette', async (c) => {
    const parsed = await parseForm(c, chooseForm);
    if (!parsed.ok) return show(c, parsed.errors);
    const founder = c.get('founder');
    const result = await asSignedIn(ctx, c, async (tx) => {
      const website = await findWebsite(tx, founder.userId);
      const stored = await storedPaletteOptions(tx, website.id);
      const option = stored?.options.find((o) => o.index === parsed.data.option);
      if (!option) return null;
      await storePaletteChoice(tx, website.id, option.index);
      return option;
    });
    if (!result) return show(c, { option: 'Choose one of the palettes shown.' });
    setFlash(c, ctx.base, {
      kind: 'ok',
      text: `Palette “${result.label}” chosen. Your site is being rebuilt with it.`,
    });
    return c.redirect(`${ctx.base}/palette`, 303);
  });
}
