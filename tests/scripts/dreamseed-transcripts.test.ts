import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'generator', 'transcripts', 'fixtures');

describe('dreamseed founders and transcripts (subprocess)', { timeout: 480_000 }, () => {
  const home = tempHome();
  const env = { OPENAI_API_KEY: '', DREAMSEED_EXTRACTOR: '', DREAMSEED_EMBEDDER: '' };
  const slug = 'dales-24-7-plumbing-and-drain';

  it('adds a founder and four calls in three shapes, lists and searches them, and refuses a malformed file', () => {
    expect(runCli(['db', 'reset'], home, env).code).toBe(0);
    const added = runCli(
      [
        'founders',
        'add',
        '--business-name',
        "Dale's 24/7 Plumbing & Drain",
        '--name',
        'Dale Kowalczyk',
        '--email',
        'dale@example.com',
        '--json',
      ],
      home,
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const founder = JSON.parse(added.stdout);
    expect(founder).toMatchObject({
      slug: 'dales-24-7-plumbing-and-drain',
      auth_user_id: expect.any(String),
    });

    const files = ['call-1.vapi.json', 'call-2.txt', 'call-3.json', 'call-4.vapi.json'];
    for (const [i, f] of files.entries()) {
      const r = runCli(
        [
          'transcripts',
          'add',
          '--user',
          founder.slug,
          '--call',
          String(i + 1),
          join(FIXTURES, 'emergency-plumber', f),
          '--json',
        ],
        home,
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({
        call: i + 1,
        outcome: 'added',
        processed: true,
        extraction: { extractor: 'offline' },
      });
    }
    const again = runCli(
      [
        'transcripts',
        'add',
        '--user',
        founder.id,
        '--call',
        '2',
        join(FIXTURES, 'emergency-plumber', 'call-2.txt'),
      ],
      home,
      env,
    );
    expect(again.stdout).toMatch(/Call 2 of dales-24-7-plumbing-and-drain: unchanged/);

    const calls = JSON.parse(
      runCli(['transcripts', 'list', '--user', founder.slug, '--json'], home, env).stdout,
    );
    expect(
      calls.map((c: { call_number: number; extractor: string }) => [c.call_number, c.extractor]),
    ).toEqual([
      [1, 'offline'],
      [2, 'offline'],
      [3, 'offline'],
      [4, 'offline'],
    ]);

    const search = runCli(
      [
        'transcripts',
        'search',
        '--user',
        founder.slug,
        'what do you charge to clear a drain?',
        '--limit',
        '1',
      ],
      home,
      env,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toMatch(
      /^call 2 {2}score 0\.\d+\n(?:.*\n)*Founder: .*Drain clearing starts at \$185/,
    );

    const bad = join(home, 'bad.json');
    writeFileSync(bad, '[{"speaker": "AI", "text": "Hours?"}, {"speaker": "Founder"}]');
    const refused = runCli(['transcripts', 'add', '--user', founder.slug, '--call', '1', bad], home, env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\[1\]\.text: Invalid input: expected string, received undefined/);
    expect(
      JSON.parse(runCli(['transcripts', 'list', '--user', founder.slug, '--json'], home, env).stdout),
    ).toHaveLength(4);
  });

  it('the calls are the founder’s DNA (source call_N); one worker run turns them into the preview', () => {
    const dna = JSON.parse(runCli(['dna', 'show', '--user', slug, '--json'], home, env).stdout) as {
      truth: { extraction_source: string; version: number };
      facts: { field: string; value: unknown; confidence: number | null; validated: boolean }[];
    };
    expect(dna.truth.extraction_source).toMatch(/^call_[1-4]$/);
    const fact = (field: string) => dna.facts.find((f) => f.field === field);
    expect(fact('contact_phone')).toMatchObject({ value: '(614) 555-0188', validated: false });
    expect(fact('contact_phone')!.confidence).toBeLessThan(1);

    // The founder corrects what the calls got wrong, before any build.
    const set = runCli(
      ['dna', 'set', '--user', slug, 'service_area=Franklin, Delaware and Licking counties'],
      home,
      env,
    );
    expect(set.code, set.stderr).toBe(0);

    const worker = runCli(['worker', '--until-idle', '--debounce', '0', '--json'], home, env);
    expect(worker.code, worker.stderr).toBe(0);
    // Every call and the correction: one site, one build.
    expect(JSON.parse(worker.stdout)).toMatchObject({ builds: 1, failures: 0 });
    const home_page = readFileSync(join(home, 'sites', slug, 'index.html'), 'utf8');
    expect(home_page).toContain('Dale&#39;s 24/7 Plumbing &amp; Drain');
    expect(home_page).toContain('(614) 555-0188');
    const pages = readdirSync(join(home, 'sites', slug), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .map((f) => readFileSync(join(home, 'sites', slug, f), 'utf8'))
      .join('\n');
    expect(pages).toMatch(/Drain clearing/);
    expect(pages).toContain('Franklin, Delaware and Licking counties');

    // A call added again with other words never overwrites the founder's correction.
    const redo = join(home, 'call-3-again.txt');
    writeFileSync(
      redo,
      'AI: Where do you work?\nUser: All of Franklin County and Delaware County.\nAI: And your phone?\nUser: (614) 555-0188.\n',
    );
    const again = runCli(['transcripts', 'add', '--user', slug, '--call', '3', redo, '--json'], home, env);
    expect(again.code, again.stderr).toBe(0);
    const after = JSON.parse(
      runCli(['dna', 'show', '--user', slug, '--json'], home, env).stdout,
    ) as typeof dna;
    expect(after.facts.find((f) => f.field === 'service_area')).toMatchObject({
      value: 'Franklin, Delaware and Licking counties',
      validated: true,
    });
  });
});
