import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';
import { issueLocalToken } from '../../generator/server/auth/issue-local-token.ts';
import { cliEnv, runCliAsync, tempHome } from '../helpers/cli.ts';

/**
 * `dreamseed serve` in a subprocess on the embedded database: prints its URL first, answers
 * health, serves the API to a founder signed in locally, keeps the database usable by other
 * commands while it holds it (demo list runs through it), and exits 0 on SIGTERM.
 */
const home = tempHome();
// A build the worker inside serve starts may take its stop timeout to finish or be handed back.
const env = { OPENAI_API_KEY: '', DREAMSEED_WRITER: 'offline', DREAMSEED_WORKER_STOP_TIMEOUT_S: '10' };

beforeAll(async () => {
  expect((await runCliAsync(['db', 'reset'], home, env)).code).toBe(0);
});
afterAll(() => undefined);

describe('dreamseed serve', () => {
  it('prints its URL, serves health and the API, shares the embedded database, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'scripts', 'dreamseed.ts'), 'serve', '--port', '0'],
      {
        cwd: repoRoot,
        env: cliEnv(home, env),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      const started = Date.now();
      while (!stdout.includes('\n')) {
        if (child.exitCode !== null || Date.now() - started > 90_000)
          throw new Error(`serve did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const url = stdout.split('\n')[0]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

      const health = await fetch(new URL('/api/health', url));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ database: { kind: 'pglite' } });

      // Another command while serve holds the embedded database: it goes through serve's socket.
      const list = await runCliAsync(['demo', 'list', '--json'], home, env);
      expect(list.code, list.stderr).toBe(0);
      const founders = JSON.parse(list.stdout) as { slug: string; auth_user_id: string }[];
      const bakery = founders.find((f) => f.slug === 'bakery')!;
      expect(bakery.auth_user_id).toMatch(/^[0-9a-f-]{36}$/);

      // A founder signed in locally (the secret serve made in this state folder) uses the API.
      const token = await issueLocalToken(bakery.auth_user_id, { stateDir: home });
      const saved = await fetch(new URL('/api/save-domain', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ domain: 'rosa-bakery.com' }),
      });
      expect(saved.status).toBe(200);
      const none = await fetch(new URL('/api/save-domain', url), { method: 'POST', body: '{}' });
      expect(none.status).toBe(401);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('SIGTERM');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    // After serve: the database opens normally again, with serve's write in it.
    const after = await runCliAsync(['dna', 'show', '--user', 'bakery', '--json'], home, env);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('https://rosa-bakery.com/');
  }, 240_000);

  it('refuses a bad --port or --host with exit code 2', async () => {
    const port = await runCliAsync(['serve', '--port', 'eighty'], home, env);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
    const host = await runCliAsync(['serve', '--host', 'not a host'], home, env);
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('--host');
  });
});
