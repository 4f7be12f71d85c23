import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'generator', 'transcripts', 'fixtures');

describe('dreamseed founders and transcripts (subprocess)', { timeout: 480_000 }, () => {
  const home = tempHome();
  const env = { OPENAI_API_KEY: '', DREAMSEED_EXTRACTOR: '', DREAMSEED_EMBEDDER: '' };

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
});
