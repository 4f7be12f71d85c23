import type { Hono } from 'hono';
import { html } from 'hono/html';
import { findWebsite, liveDeployments } from '../deploy/deployments.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { asSignedIn, when } from './founder-tx.ts';
import { liveDirectory } from './preview-files.ts';

/**
 * Site and preview: the founder's latest build at phone (390 px) and desktop
 * widths, side by side with what is live. The frames load the studio's own
 * preview of the build (`preview/`) and of the live folder (`live/`).
 */
export function registerSite(app: Hono<StudioEnv>, ctx: StudioContext): void {
  app.get('/site', async (c) => {
    const founder = c.get('founder');
    const data = await asSignedIn(ctx, c, async (tx) => {
      const [row] = await tx.query<{
        last_built_at: Date | null;
        template_id: string | null;
        build_hash: string | null;
      }>(
        `select last_built_at, template_id, build_hash from public.generated_websites
          where user_id = $1 order by last_built_at desc nulls last, created_at desc limit 1`,
        [founder.userId],
      );
      if (!row) return null;
      const website = await findWebsite(tx, founder.userId);
      const live = await liveDeployments(tx, website.id);
      return { row, website, live };
    });
    if (!data)
      return ctx.render(
        c,
        'Your site',
        '/site',
        html`<h1>Your site</h1><p>Your site has not been built yet. It is built as soon as your first consultation call has given us facts about your business.</p>`,
      );
    const liveDir = liveDirectory(ctx, data.website);
    const stamp = data.row.build_hash?.slice(0, 12) ?? Date.now().toString(36);
    const frames = (kind: 'preview' | 'live', label: string) => html`<div class="previews">
<figure><iframe class="phone" src="${ctx.base}/${kind}/?v=${stamp}" title="${label} at phone width (390 pixels)"></iframe><figcaption>Phone, 390 px</figcaption></figure>
<figure><iframe class="desktop" src="${ctx.base}/${kind}/?v=${stamp}" title="${label} at desktop width"></iframe><figcaption>Desktop</figcaption></figure>
</div>`;
    const live = data.live[0];
    return ctx.render(
      c,
      'Your site',
      '/site',
      html`<h1>Your site</h1>
<div class="card"><dl class="meta">
<dt>Latest build</dt><dd>${when(data.row.last_built_at)} · template ${data.row.template_id ?? '—'}</dd>
<dt>Live</dt><dd>${live ? html`<span class="status live">live</span> since ${when(live.live_at)} on ${live.target}${live.url && /^https?:/.test(live.url) ? html` · <a href="${live.url}">${live.url}</a>` : ''}` : 'Not published yet.'}</dd>
</dl>
<p class="actions"><a href="${ctx.base}/preview/">Open the latest build</a>${liveDir ? html` · <a href="${ctx.base}/live/">Open what is live</a>` : ''} · <a href="${ctx.base}/publishing">Publish</a></p></div>
<h2>Latest build</h2>
${frames('preview', 'Latest build')}
<h2>What is live</h2>
${liveDir ? frames('live', 'Live site') : html`<p>${live ? `Live on ${live.target}: open ${live.url ?? 'its address'} to see it.` : 'Nothing is live yet: publish when you are happy with the latest build.'}</p>`}`,
    );
  });
}
