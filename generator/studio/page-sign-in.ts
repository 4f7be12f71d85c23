import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { z } from 'zod';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';
import { isHttps, setFlash, takeFlash } from './flash.ts';
import { formError, parseForm } from './forms.ts';
import { page } from './layout.ts';

/**
 * Local sign-in: only when the server offers it (the embedded database and no
 * Supabase project), clearly marked as local only. It lists the seeded
 * founders; choosing one asks the server for a token signed with the local
 * secret, which then goes through the same verification as any token. The
 * access cookie is HttpOnly, SameSite=Lax, and Secure over HTTPS. Sign-out
 * clears it.
 */
const signInForm = z.object({
  founder: z.uuid({ error: 'Choose one of the founders listed.' }),
});

export function registerSignIn(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const { base, deps } = ctx;
  const local = deps.localSignIn;

  app.get('/sign-in', async (c) => {
    if (!local) return c.html(page({ title: 'Sign in', base, body: notOffered() }), 404);
    const founders = await local.founders();
    const flash = takeFlash(c, base);
    return c.html(
      page({
        title: 'Local sign-in',
        base,
        flash,
        body: html`<h1>Sign in (local only)</h1>
<div class="local" role="note"><p><strong>Local only.</strong> This sign-in exists because this studio runs on the embedded database with no Supabase project. It signs you in as one of the seeded demo founders with a locally signed token. On the DreamSeed platform, founders sign in with their own account instead.</p></div>
<form method="post" action="${base}/sign-in">
<fieldset><legend>Sign in as</legend>
${founders.length ? founders.map((f, i) => html`<div><input type="radio" id="founder-${i}" name="founder" value="${f.authUserId}"${i === 0 ? ' checked' : ''}> <label for="founder-${i}" style="display:inline">${f.businessName ?? f.slug} <span class="hint">(${f.slug})</span></label></div>`) : html`<p>No seeded founder has a sign-in. Run <code>dreamseed db reset</code>.</p>`}
</fieldset>
<div class="actions"><button type="submit">Sign in</button></div>
</form>`,
      }),
    );
  });

  app.post('/sign-in', async (c) => {
    if (!local) return c.html(page({ title: 'Sign in', base, body: notOffered() }), 404);
    const parsed = await parseForm(c, signInForm);
    const founders = await local.founders();
    if (!parsed.ok || !founders.some((f) => f.authUserId === parsed.data.founder)) {
      return c.html(
        page({
          title: 'Local sign-in',
          base,
          body: html`<h1>Sign in (local only)</h1>${formError({ _form: parsed.ok ? 'That founder cannot sign in here: choose one of the founders listed.' : (parsed.errors.founder ?? 'Choose a founder.') })}<p><a href="${base}/sign-in">Back to the sign-in page</a></p>`,
        }),
        422,
      );
    }
    const token = await local.issueToken(parsed.data.founder);
    setCookie(c, ctx.cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      maxAge: 60 * 60,
    });
    return c.redirect(`${base}/site`, 303);
  });

  app.post('/sign-out', async (c) => {
    deleteCookie(c, ctx.cookieName, { path: '/', secure: isHttps(c) });
    if (local) setFlash(c, base, { kind: 'ok', text: 'You are signed out.' });
    return c.redirect(local ? `${base}/sign-in` : `${base}/`, 303);
  });
}

function notOffered() {
  return html`<h1>Sign in</h1><p>Local sign-in is not offered here: this studio uses your DreamSeed account. Sign in on the DreamSeed platform.</p>`;
}
