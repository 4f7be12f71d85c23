import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { currentSections, type SectionRow } from '../content/revisions.ts';
import { approveSection } from '../content/section-actions.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { parseForm } from './forms.ts';
import { asSignedIn } from './founder-tx.ts';
import type { Html } from './layout.ts';
import { sectionName } from './section-name.ts';

/**
 * Sections: every current section of the founder's site with its status, who
 * wrote it, the DNA facts it used with their confidence (its provenance) and
 * how many other readings it has; approve or reject each in place, approve all
 * at once, or open one to edit, regenerate, choose an alternative or restore
 * a revision (page-section.ts).
 */
export function registerSections(app: Hono<StudioEnv>, ctx: StudioContext): void {
  app.get('/sections', async (c) => {
    const founder = c.get('founder');
    const rows = await asSignedIn(ctx, c, (tx) => currentSections(tx, founder.userId));
    const waiting = rows.filter((r) => r.status === 'draft' || r.status === 'rejected').length;
    return ctx.render(
      c,
      'Sections',
      '/sections',
      html`<h1>Sections</h1>
${
  rows.length
    ? html`<p>${rows.filter((r) => r.status === 'approved').length} of ${rows.length} approved. Every section must be approved before the site can go live.</p>
<form method="post" action="${ctx.base}/sections/approve-all" class="actions"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button type="submit"${waiting ? '' : ' disabled'}>Approve all ${waiting} waiting</button></form>
${rows.map((r) => sectionCard(ctx.base, c.get('csrf'), r))}`
    : html`<p>No sections yet: your site has not been built.</p>`
}`,
    );
  });

  app.post('/sections/approve-all', async (c) => {
    const parsed = await parseForm(c, z.object({ _csrf: z.string() }));
    if (!parsed.ok) return c.redirect(`${ctx.base}/sections`, 303);
    const founder = c.get('founder');
    const { approved, skipped } = await asSignedIn(ctx, c, async (tx) => {
      const rows = await currentSections(tx, founder.userId);
      const approved: string[] = [];
      const skipped: string[] = [];
      for (const r of rows) {
        if (r.status === 'approved') continue;
        if (r.status === 'needs_input') {
          skipped.push(sectionName(r.page, r.section_key));
          continue;
        }
        await approveSection(tx, r, founder.authUserId);
        approved.push(sectionName(r.page, r.section_key));
      }
      return { approved, skipped };
    });
    setFlash(c, ctx.base, {
      kind: skipped.length ? 'warn' : 'ok',
      text: `Approved ${approved.length} section${approved.length === 1 ? '' : 's'}.${skipped.length ? ` ${skipped.length} still need facts before they can be approved:` : ''}`,
      items: skipped.map((s) => ({ text: s })),
    });
    return c.redirect(`${ctx.base}/sections`, 303);
  });
}

export function statusBadge(status: string): Html {
  const words: Record<string, string> = {
    approved: 'approved',
    draft: 'waiting for approval',
    rejected: 'rejected',
    needs_input: 'needs facts',
  };
  return html`<span class="status ${status}">${words[status] ?? status}</span>`;
}

export function provenanceList(r: SectionRow): Html {
  const fields = r.provenance?.fields ?? [];
  if (!fields.length) return html`<p class="hint">Uses no facts from your DNA.</p>`;
  return html`<ul class="facts-used">${fields.map(
    (f) =>
      html`<li>${f.field}: ${f.confidence === null ? 'confidence unknown' : `${Math.round(f.confidence * 100)}% confident`}</li>`,
  )}</ul>`;
}

function sectionCard(base: string, csrf: string, r: SectionRow): Html {
  const label = sectionName(r.page, r.section_key);
  const alternatives = (r.alternatives ?? []).length;
  const action = (name: string, text: string, cls = '') =>
    html`<form method="post" action="${base}/sections/${r.id}/${name}?back=list"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit"${cls ? html` class="${cls}"` : ''} aria-label="${text}: ${label}">${text}</button></form>`;
  return html`<section class="card" aria-labelledby="s-${r.id}">
<h2 id="s-${r.id}">${label}</h2>
<p>${statusBadge(r.status)} · revision ${r.revision} · written by ${r.edited_by_founder ? 'you' : (r.writer ?? 'the generator')}${alternatives ? ` · ${alternatives} other reading${alternatives === 1 ? '' : 's'}` : ''}</p>
<h3>Facts it used</h3>
${provenanceList(r)}
${r.status === 'needs_input' ? html`<p class="notice warn">Needs facts your DNA does not have yet: ${(r.missing_fields ?? []).join(', ') || 'see the section'}.</p>` : ''}
<div class="actions">
<a href="${base}/sections/${r.id}">Open ${label}</a>
${r.status !== 'approved' && r.status !== 'needs_input' ? action('approve', 'Approve') : ''}
${r.status !== 'rejected' && r.status !== 'needs_input' ? action('reject', 'Reject', 'secondary') : ''}
</div>
</section>`;
}
