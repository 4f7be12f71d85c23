import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { findWebsite, listDeployments } from '../deploy/deployments.ts';
import { rollbackSite } from '../deploy/rollback.ts';
import { errors, isDreamseedError } from '../errors.ts';
import { autoPublishSetting, setAutoPublish } from '../jobs/auto-publish.ts';
import { listJobs } from '../jobs/jobs-list.ts';
import { readStoredScore, type ScoreReport } from '../score/report.ts';
import { publishSite } from '../stages/deploy-site.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { setFlash } from './flash.ts';
import { parseForm } from './forms.ts';
import { asSignedIn, when } from './founder-tx.ts';
import type { Html } from './layout.ts';

/**
 * Quality and publishing: the last scores and what failed; publish through the
 * gate (`publishSite`, as `dreamseed publish`: a refusal lists each thing to
 * fix, linked to where it is fixed); the deploy history with rollback to any
 * deploy that was live; auto-publish on or off; the recent automatic builds.
 */
const token = { _csrf: z.string() };
const rollbackForm = z.object({
  ...token,
  to: z.string().regex(/^[A-Za-z0-9_-]{4,80}$/, { error: 'Choose a deploy to go back to.' }),
});
const autoForm = z.object({ ...token, auto: z.enum(['on', 'off'], { error: 'Choose on or off.' }) });
const WAS_LIVE = new Set(['superseded', 'rolled_back']);

export function registerPublishing(app: Hono<StudioEnv>, ctx: StudioContext): void {
  app.get('/publishing', async (c) => {
    const founder = c.get('founder');
    const data = await asSignedIn(ctx, c, async (tx) => {
      const website = await findWebsite(tx, founder.userId);
      return {
        website,
        deploys: await listDeployments(tx, website.id),
        auto: await autoPublishSetting(tx, founder.userId),
      };
    });
    // The queue's tables belong to the connection's own role (jobs-list.ts), filtered to this founder.
    const jobs = await listJobs(ctx.deps.db as Database, { userId: founder.userId, limit: 10 });
    const score = readStoredScore(data.website.lighthouseScores);
    const csrf = c.get('csrf');
    const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
    return ctx.render(
      c,
      'Publishing',
      '/publishing',
      html`<h1>Quality and publishing</h1>
<section class="card" aria-labelledby="publish-heading"><h2 id="publish-heading">Publish</h2>
<p>Publishing puts your latest build live. It goes live only when every section is approved and the site passes its quality checks (speed, accessibility, valid pages); otherwise you see what to fix. Checking takes up to a minute.</p>
<form method="post" action="${ctx.base}/publish">${hidden}<button type="submit">Publish the latest build</button></form>
</section>
<section class="card" aria-labelledby="scores-heading" id="scores"><h2 id="scores-heading">Last scores</h2>
${score ? scoresView(score) : html`<p>Not measured yet: publishing measures the build.</p>`}
</section>
<section class="card" aria-labelledby="auto-heading"><h2 id="auto-heading">Automatic publishing</h2>
<p>Automatic publishing is <strong>${data.auto?.auto_publish ? 'on' : 'off'}</strong>. ${data.auto?.auto_publish ? 'When your facts, photos or sections change, the rebuilt site goes live by itself if it passes the same checks.' : 'When your facts, photos or sections change, only the preview is rebuilt; you publish here.'}</p>
<form method="post" action="${ctx.base}/auto-publish">${hidden}<input type="hidden" name="auto" value="${data.auto?.auto_publish ? 'off' : 'on'}"><button type="submit" class="secondary">Turn automatic publishing ${data.auto?.auto_publish ? 'off' : 'on'}</button></form>
</section>
<h2>Deploy history</h2>
${
  data.deploys.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Deploy history"><table><caption class="visually-hidden">Deploys, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Status</th><th scope="col">By</th><th scope="col">Roll back</th></tr></thead>
<tbody>${data.deploys.map(
        (d) =>
          html`<tr><td>${when(d.created_at)}</td><td>${d.action === 'rollback' || d.restored_from ? 'roll back' : d.action} on ${d.target}<br><span class="hint">${d.deploy_id?.slice(0, 16) ?? '—'}</span></td><td><span class="status ${d.is_live ? 'live' : d.status}">${d.is_live ? 'live' : d.status.replace(/_/g, ' ')}</span>${d.forced ? ' (forced)' : ''}${d.error ? html`<br><span class="hint">${d.error}</span>` : ''}</td><td>${d.published_by === `founder:${founder.authUserId}` ? 'you' : d.published_by}</td><td>${
            d.deploy_id && !d.is_live && WAS_LIVE.has(d.status)
              ? html`<form method="post" action="${ctx.base}/rollback">${hidden}<input type="hidden" name="to" value="${d.id}"><button type="submit" class="secondary" aria-label="Roll back to this: the deploy of ${when(d.created_at)}">Roll back to this</button></form>`
              : '—'
          }</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>Not published yet.</p>`
}
<h2>Recent automatic builds</h2>
${
  jobs.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Recent automatic builds"><table><caption class="visually-hidden">Automatic builds, newest first</caption>
<thead><tr><th scope="col">Requested</th><th scope="col">State</th><th scope="col">What changed</th><th scope="col">Took</th></tr></thead>
<tbody>${jobs.map(
        (j) =>
          html`<tr><td>${when(j.created_at)}</td><td><span class="status ${j.state.split(' ')[0]}">${j.state}</span>${j.error ? html`<br><span class="hint">${j.error.slice(0, 200)}</span>` : ''}${j.published ? html`<br><span class="hint">${j.published}</span>` : ''}</td><td>${
            Object.entries(j.changes)
              .map(([k, v]) => `${k}: ${(v ?? []).join(', ')}`)
              .join('; ') || '—'
          }</td><td>${j.duration_ms === null ? '—' : `${(j.duration_ms / 1000).toFixed(1)} s`}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>No automatic builds yet.</p>`
}`,
    );
  });

  app.post('/publish', async (c) => {
    const parsed = await parseForm(c, z.object(token));
    if (!parsed.ok) return c.redirect(`${ctx.base}/publishing`, 303);
    const founder = c.get('founder');
    try {
      // publishSite records the deploy as the service role, as `dreamseed publish` does; the signed-in
      // founder publishes their own site (never forced).
      const result = await publishSite({
        db: ctx.deps.db,
        config: ctx.deps.config,
        user: founder.userId,
        target: ctx.deps.config.deploy.target,
        publishedBy: `founder:${founder.authUserId}`,
        ...(ctx.deps.driver ? { driver: ctx.deps.driver } : {}),
        ...(ctx.deps.scorer ? { scorer: ctx.deps.scorer } : {}),
      });
      setFlash(c, ctx.base, {
        kind: 'ok',
        text: /^https?:/.test(result.url)
          ? `Published: your site is live at ${result.url}.`
          : `Published: your site is live on the ${result.target} target.`,
        items: result.warnings.map((w) => ({ text: w })),
      });
    } catch (error) {
      if (!isDreamseedError(error) || error.code !== 'PUBLISH_REFUSED') throw error;
      const reasons = (error.data?.reasons as string[] | undefined) ?? [];
      setFlash(c, ctx.base, {
        kind: 'error',
        text: `Not published: ${reasons.length} thing${reasons.length === 1 ? '' : 's'} to fix first.`,
        items: reasons.slice(0, 20).map((r) => ({ text: r, href: fixLink(ctx.base, r) })),
      });
    }
    return c.redirect(`${ctx.base}/publishing`, 303);
  });

  app.post('/rollback', async (c) => {
    const parsed = await parseForm(c, rollbackForm);
    if (!parsed.ok) {
      setFlash(c, ctx.base, { kind: 'error', text: parsed.errors.to ?? 'Choose a deploy to go back to.' });
      return c.redirect(`${ctx.base}/publishing`, 303);
    }
    const founder = c.get('founder');
    // Only a deploy of this founder's own history (read under Row Level Security) may be named.
    const own = await asSignedIn(ctx, c, async (tx) =>
      (await listDeployments(tx, (await findWebsite(tx, founder.userId)).id)).some(
        (d) => d.id === parsed.data.to || d.deploy_id === parsed.data.to,
      ),
    );
    if (!own) throw errors.notFound('deploy', parsed.data.to, 'Choose one from your deploy history.');
    const result = await rollbackSite({
      db: ctx.deps.db,
      config: ctx.deps.config,
      user: founder.userId,
      to: parsed.data.to,
      by: `founder:${founder.authUserId}`,
      ...(ctx.deps.driver ? { driver: ctx.deps.driver } : {}),
    });
    setFlash(c, ctx.base, {
      kind: 'ok',
      text: `Rolled back: deploy ${result.deploy_id.slice(0, 16)} is live again.`,
    });
    return c.redirect(`${ctx.base}/publishing`, 303);
  });

  app.post('/auto-publish', async (c) => {
    const parsed = await parseForm(c, autoForm);
    if (!parsed.ok) {
      setFlash(c, ctx.base, { kind: 'error', text: parsed.errors.auto ?? 'Choose on or off.' });
      return c.redirect(`${ctx.base}/publishing`, 303);
    }
    const on = parsed.data.auto === 'on';
    await asSignedIn(ctx, c, (tx: Parameters<typeof setAutoPublish>[0]) =>
      setAutoPublish(tx, c.get('founder').userId, on, null),
    );
    setFlash(c, ctx.base, { kind: 'ok', text: `Automatic publishing is ${on ? 'on' : 'off'}.` });
    return c.redirect(`${ctx.base}/publishing`, 303);
  });
}

/** What a build was for, in words: ids are counted, field and setting names listed. */
export function changeSummary(changes: Partial<Record<string, string[]>>): string {
  const parts = Object.entries(changes).map(([kind, refs = []]) =>
    kind === 'section' || kind === 'asset'
      ? `${refs.length} ${kind}${refs.length === 1 ? '' : 's'}`
      : `${kind === 'field' || kind === 'reading' ? 'fact' : kind}: ${[...new Set(refs)].join(', ')}`,
  );
  return parts.join('; ') || '—';
}

/** Where a gate reason is fixed in the studio. */
export function fixLink(base: string, reason: string): string {
  if (/section|approv|regenerate/i.test(reason)) return `${base}/sections`;
  if (/contrast|colou?r/i.test(reason)) return `${base}/palette`;
  if (/image|photo|alt text|logo/i.test(reason)) return `${base}/media`;
  if (/fact|dna/i.test(reason)) return `${base}/facts`;
  return `${base}/publishing#scores`;
}

function scoresView(score: ScoreReport): Html {
  const lighthouse = score.summary.lighthouse ?? {};
  return html`<p>Measured ${when(score.measured_at)}: ${score.passed ? html`<span class="status passed">passes</span>` : html`<span class="status failed">${score.failures.length} to fix</span>`}</p>
${Object.keys(lighthouse).length ? html`<div class="scroll" tabindex="0" role="region" aria-label="Lighthouse scores"><table><caption class="visually-hidden">Lighthouse scores by page and device</caption><thead><tr><th scope="col">Page</th><th scope="col">Performance</th><th scope="col">Accessibility</th><th scope="col">Best practices</th><th scope="col">SEO</th></tr></thead><tbody>${Object.entries(lighthouse).map(([run, s]) => html`<tr><th scope="row">${run}</th><td>${s.performance ?? '—'}</td><td>${s.accessibility ?? '—'}</td><td>${s['best-practices'] ?? '—'}</td><td>${s.seo ?? '—'}</td></tr>`)}</tbody></table></div>` : ''}
${score.failures.length ? html`<h3>Failing checks</h3><ul>${score.failures.map((f) => html`<li>${f}</li>`)}</ul>` : ''}`;
}
