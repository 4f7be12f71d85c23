import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackOpenAi, startLoopbackOpenAi } from '../generator/writers/loopback-openai.ts';
import { runCli, runCliAsync, tempHome } from '../helpers/cli.ts';

/** `dreamseed sections …` through the real CLI: list, edit (validated), history, restore, review, alternatives, regenerate. */
const home = tempHome();
const json = <T = Record<string, unknown>>(stdout: string) => JSON.parse(stdout) as T;
type Listed = {
  sections: {
    id: string;
    page: string;
    key: string;
    status: string;
    revision: number;
    writer: string;
    stale: boolean;
    alternatives: number;
  }[];
};
type Revision = {
  id: string;
  revision: number;
  current: boolean;
  status: string;
  writer: string;
  edited_by_founder: boolean;
  content: Record<string, unknown>;
  provenance: Record<string, unknown>;
  usage: Record<string, number> | null;
};
const list = () =>
  json<Listed>(runCli(['sections', 'list', '--user', 'bakery', '--json'], home).stdout).sections;

beforeAll(() => {
  expect(runCli(['db', 'reset'], home).code).toBe(0);
  const r = runCli(['generate', '--demo', 'bakery', '--json'], home);
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe('dreamseed sections (subprocess)', () => {
  it('lists every current section with its id, revision, writer, stale flag and alternatives', {
    timeout: 120_000,
  }, () => {
    const sections = list();
    expect(sections.length).toBeGreaterThan(8);
    const hero = sections.find((s) => s.key === 'hero')!;
    expect(hero).toMatchObject({ page: '/', status: 'draft', revision: 1, writer: 'offline', stale: false });
    expect(hero.alternatives).toBe(3); // who_serves is unsure (0.62): one copy per other reading
    // A key is found by itself when one page has it, and as the list shows it (page, then key).
    const aboutOnly = sections.find(
      (s) => s.page !== '/' && sections.filter((o) => o.key === s.key).length === 1,
    )!;
    for (const ref of [
      aboutOnly.key,
      `${aboutOnly.page}${aboutOnly.key}`,
      `${aboutOnly.page} ${aboutOnly.key}`,
    ]) {
      const shown = runCli(['sections', 'show', '--user', 'bakery', '--section', ref, '--json'], home);
      expect(shown.code, `${ref}: ${shown.stderr}`).toBe(0);
      expect(json<{ id: string }>(shown.stdout).id).toBe(aboutOnly.id);
    }
    const table = runCli(['sections', 'list', '--user', 'bakery'], home);
    expect(table.stdout).toMatch(/^id\s+page\s+key\s+status/m);
    expect(table.stderr).toMatch(/0 stale/);
  });

  it('edit is validated against the schema; a valid edit is a new revision that generate keeps and shows', {
    timeout: 180_000,
  }, () => {
    const tooLong = runCli(
      [
        'sections',
        'edit',
        '--user',
        'bakery',
        '--section',
        'hero',
        '--field',
        'headline',
        '--value',
        'x'.repeat(121),
      ],
      home,
    );
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/headline: Too big/);
    const markup = runCli(
      [
        'sections',
        'edit',
        '--user',
        'bakery',
        '--section',
        'hero',
        '--field',
        'lede',
        '--value',
        'Fresh <b>bread</b>',
      ],
      home,
    );
    expect(markup.code).toBe(2);
    expect(markup.stderr).toMatch(/lede: contains markup/);
    const unknown = runCli(
      [
        'sections',
        'edit',
        '--user',
        'bakery',
        '--section',
        'hero',
        '--field',
        'subtitle',
        '--value',
        'Hello',
      ],
      home,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown key|Unrecognized key/i);

    const ok = runCli(
      [
        'sections',
        'edit',
        '--user',
        'bakery',
        '--section',
        'hero',
        '--field',
        'headline',
        '--value',
        'Bread from Federal Hill, baked at dawn',
        '--json',
      ],
      home,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(json<Revision>(ok.stdout)).toMatchObject({
      revision: 2,
      current: true,
      writer: 'founder',
      edited_by_founder: true,
      status: 'draft',
    });

    const again = runCli(['generate', '--demo', 'bakery', '--json'], home);
    expect(again.code, again.stderr).toBe(0);
    expect(
      json<{ sections: { key: string; origin: string }[] }>(again.stdout).sections.find(
        (s) => s.key === 'hero',
      )!.origin,
    ).toBe('reused');
    expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
      'Bread from Federal Hill, baked at dawn',
    );
  });

  it('history shows every revision; restore makes an earlier one current as a new revision', {
    timeout: 120_000,
  }, () => {
    const history = json<{ revisions: Revision[] }>(
      runCli(['sections', 'history', '--user', 'bakery', '--section', 'hero', '--json'], home).stdout,
    ).revisions;
    expect(history.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const restored = runCli(
      ['sections', 'restore', '--section', history[1]!.id, '--revision', '1', '--json'],
      home,
    );
    expect(restored.code, restored.stderr).toBe(0);
    const r3 = json<Revision>(restored.stdout);
    expect(r3).toMatchObject({ revision: 3, current: true, edited_by_founder: true });
    expect(r3.content).toEqual(history[0]!.content);
    expect(r3.provenance.restored).toMatchObject({ from_revision: 1 });
    const missing = runCli(['sections', 'restore', '--section', history[1]!.id, '--revision', '9'], home);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No revision of \/ hero "9"/);
  });

  it('approve and reject change the status of the current revision; choose takes an alternative', {
    timeout: 120_000,
  }, () => {
    const approved = json<Revision & { approved_by: string }>(
      runCli(['sections', 'approve', '--user', 'bakery', '--section', 'hero', '--json'], home).stdout,
    );
    expect(approved).toMatchObject({ status: 'approved', revision: 3 });
    expect(approved.approved_by).toBe('a7e00000-0000-4000-8000-000000000001');
    const rejected = json<Revision>(
      runCli(['sections', 'reject', '--user', 'bakery', '--section', 'about/who_serves', '--json'], home)
        .stdout,
    );
    expect(rejected).toMatchObject({ status: 'rejected', revision: 1 });

    const chosen = runCli(
      [
        'sections',
        'choose',
        '--user',
        'bakery',
        '--section',
        'about/who_serves',
        '--alternative',
        'who_serves:alternative_1',
        '--json',
      ],
      home,
    );
    expect(chosen.code, chosen.stderr).toBe(0);
    const r2 = json<Revision>(chosen.stdout);
    expect(r2).toMatchObject({ revision: 2, status: 'draft', edited_by_founder: true });
    expect(JSON.stringify(r2.content)).toMatch(/[Ww]alk-in neighbourhood customers only/);
    const none = runCli(
      ['sections', 'choose', '--user', 'bakery', '--section', 'about/about', '--alternative', '1'],
      home,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no alternatives/);

    // The next generate keeps the approved hero and says it is approved, not a draft.
    const again = runCli(['generate', '--user', 'bakery', '--json'], home);
    expect(again.code, again.stderr).toBe(0);
    const sections = json<{ sections: { page: string; key: string; status: string; origin: string }[] }>(
      again.stdout,
    ).sections;
    expect(sections.find((s) => s.page === '/' && s.key === 'hero')).toMatchObject({
      status: 'approved',
      origin: 'reused',
    });
  });

  describe('regenerate with the OpenAI writer (loopback server)', () => {
    let server: LoopbackOpenAi;
    beforeAll(async () => {
      server = await startLoopbackOpenAi();
    });
    afterAll(() => server.close());

    it('rewrites the one section the founder asked for, even approved, with its model and token usage', async () => {
      const env = {
        OPENAI_API_KEY: 'sk-loopback',
        OPENAI_BASE_URL: server.url,
        DREAMSEED_OPENAI_RETRY_BASE_MS: '5',
      };
      const r = await runCliAsync(
        ['sections', 'regenerate', '--user', 'bakery', '--section', 'hero', '--json'],
        home,
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      const out = json<{ section: Revision; usage: { writer: string; calls: number; total_tokens: number } }>(
        r.stdout,
      );
      expect(out.section).toMatchObject({
        revision: 4,
        status: 'draft',
        writer: 'openai',
        edited_by_founder: false,
      });
      expect(out.section.usage).toMatchObject({ calls: expect.any(Number), model: 'gpt-4.1-mini' });
      expect(out.usage.writer).toBe('openai');
      expect(out.usage.calls).toBe(server.requests.length);
      // Only the hero (and its alternatives) was asked for; every other section was reused.
      expect(new Set(server.requests.map((q) => q.section))).toEqual(new Set(['hero']));
      const sections = list();
      expect(sections.find((s) => s.key === 'hero')).toMatchObject({ writer: 'openai', revision: 4 });
      expect(sections.find((s) => s.key === 'who_serves')).toMatchObject({ revision: 2 });

      const noKey = runCli(
        ['sections', 'regenerate', '--user', 'bakery', '--section', 'hero', '--writer', 'openai'],
        home,
        { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      );
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toMatch(/OPENAI_API_KEY is not set/);
    }, 120_000);
  });
});
