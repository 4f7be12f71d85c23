#!/usr/bin/env node
// The studio's page weight and response time: a fresh in-memory database with the demo founders, the
// bakery's site built offline, the whole server (API, auth, studio) on a loopback port, then each studio
// page requested 21 times as the signed-in founder (the first is a warm-up). Prints a Markdown table:
// bytes as sent (the server does not compress), gzip bytes (what a compressing proxy would send), and
// the median response time. Usage: node scripts/bench/studio-pages.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const home = mkdtempSync(join(tmpdir(), 'dreamseed-studio-bench-'));
process.env.DREAMSEED_HOME = home;
const { openPglite } = await import('../../generator/db/pglite.ts');
const { applySeed, migrate } = await import('../../generator/db/migrations.ts');
const { generateSite } = await import('../../generator/pipeline.ts');
const { loadConfig } = await import('../../generator/config.ts');
const { createApp } = await import('../../generator/server/app.ts');
const { loadLocalSecret } = await import('../../generator/server/auth/local-secret.ts');
const { issueLocalToken } = await import('../../generator/server/auth/issue-local-token.ts');
const { startServer } = await import('../../generator/server/start-server.ts');
const { createStudio } = await import('../../generator/studio/app.ts');

const db = await openPglite();
try {
  await migrate(db);
  await applySeed(db);
  await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db, writer: 'offline' });
  const auth = {
    jwksUrl: undefined,
    jwtSecret: undefined,
    issuer: undefined,
    serviceRoleKey: undefined,
    localSecret: loadLocalSecret(home),
  };
  const app = createApp({ db, config: loadConfig(), auth, studio: createStudio, log: () => {} });
  const server = await startServer(app, { port: 0 });
  const [founder] = await db.query<{ id: string; auth_user_id: string }>(
    `select id::text as id, auth_user_id::text as auth_user_id from public.users where slug = 'bakery'`,
  );
  const token = await issueLocalToken(founder!.auth_user_id, { stateDir: home });
  const [hero] = await db.query<{ id: string }>(
    `select id::text as id from public.website_sections where user_id = $1 and is_current and page = '' and section_key = 'hero'`,
    [founder!.id],
  );
  const pages = [
    'sign-in',
    'site',
    'sections',
    `sections/${hero!.id}`,
    'facts',
    'media',
    'palette',
    'publishing',
  ];
  console.log('| page | bytes | gzip bytes | median ms (20 requests) |');
  console.log('| ---- | ----: | ---------: | ----------------------: |');
  for (const page of pages) {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const res = await fetch(new URL(`studio/${page}`, server.url), {
        headers: { cookie: `ds_access=${token}` },
      });
      body = await res.text();
      if (res.status !== 200) throw new Error(`/studio/${page} answered ${res.status}`);
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const name = `/studio/${page.replace(hero!.id, ':id')}`;
    console.log(
      `| ${name} | ${Buffer.byteLength(body)} | ${gzipSync(body).length} | ${times[10]!.toFixed(1)} |`,
    );
  }
  await server.close();
} finally {
  await db.close();
  rmSync(home, { recursive: true, force: true });
}
