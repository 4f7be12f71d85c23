import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineCheck, finding } from '../../../generator/score/check.ts';
import { CHECKS_DIR, loadChecks, orderChecks, validateResult } from '../../../generator/score/registry.ts';
import { sitePages } from '../../../generator/score/site-pages.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The checks are found by folder: a file in `checks/` is a check, with nothing
 * else to edit; a definition or a result that breaks the contract is refused,
 * naming the file or check and the field.
 */
const scratch = scratchFolders();
const contract = JSON.stringify(pathToFileURL(join(CHECKS_DIR, '..', 'check.ts')).href);

const pageCount = `import { defineCheck, finding } from ${contract};

export default defineCheck({
  id: 'page-count',
  title: 'Page count',
  order: 65,
  needs: ['pages'],
  kinds: { 'too-many-pages': { plural: 'page-count problems' } },
  run: ({ pages }) => ({
    findings: pages.paths.length > 1 ? [finding('too-many-pages', null, \`\${pages.paths.length} pages\`)] : [],
    lines: [{ pass: pages.paths.length <= 1, text: 'Page count' }],
  }),
});
`;

describe('the check registry', () => {
  it('finds every file in checks/ as a check, in the order they report', async () => {
    const checks = await loadChecks();
    expect(checks.map((c) => c.id)).toEqual([
      'lighthouse',
      'html-validity',
      'axe',
      'links',
      'jsonld',
      'headers',
      'budgets',
      'console-errors',
    ]);
    expect(readdirSync(CHECKS_DIR).sort()).toEqual(checks.map((c) => `${c.id}.ts`).sort());
  });

  it('picks up a check file dropped into its folder, with nothing else to edit', async () => {
    const dir = scratch('ds-checks-');
    writeFileSync(join(dir, 'page-count.ts'), pageCount);
    const site = scratch('ds-checks-site-');
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(site, 'about.html'), '<!doctype html><title>x</title>');
    const [check, ...rest] = await loadChecks(dir);
    expect(rest).toEqual([]);
    expect(check).toMatchObject({ id: 'page-count', order: 65, needs: ['pages'] });
    const result = validateResult(check!, await check!.run({ pages: sitePages(site) } as never));
    expect(result.findings).toEqual([finding('too-many-pages', null, '2 pages')]);
  });

  it('refuses definitions that break the contract, naming each file and field', async () => {
    const dir = scratch('ds-checks-bad-');
    writeFileSync(join(dir, 'renamed.ts'), pageCount);
    writeFileSync(
      join(dir, 'needs-dom.ts'),
      pageCount.replace("id: 'page-count'", "id: 'needs-dom'").replace("needs: ['pages']", "needs: ['dom']"),
    );
    writeFileSync(join(dir, 'no-default.ts'), 'export const check = {};\n');
    writeFileSync(join(dir, 'broken.ts'), 'export default {;\n');
    writeFileSync(
      join(dir, 'no-kinds.ts'),
      pageCount.replace("id: 'page-count'", "id: 'no-kinds'").replace(/kinds: \{.*\},/, 'kinds: {},'),
    );
    const error = (await loadChecks(dir).catch((e: unknown) => e)) as Error & {
      code?: string;
      hint?: string;
    };
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.message).toContain(`renamed.ts: id "page-count" must equal the file's name`);
    expect(error.message).toMatch(/needs-dom\.ts: needs\.0: /);
    expect(error.message).toMatch(/no-default\.ts: default export: /);
    expect(error.message).toContain('no-kinds.ts: kinds: must name at least one kind of finding');
    expect(error.message).toMatch(/broken\.ts: does not load: /);
    expect(error.hint).toMatch(/defineCheck/);
  });

  it('takes each check once', async () => {
    const checks = await loadChecks();
    expect(orderChecks([...checks].reverse()).map((c) => c.id)).toEqual(checks.map((c) => c.id));
    expect(() => orderChecks([...checks, checks[0]!])).toThrow(/"lighthouse" is in it twice/);
  });

  it('refuses a result that breaks the contract, naming the check and the field', () => {
    const check = defineCheck({
      id: 'strict',
      title: 'Strict',
      order: 1,
      needs: [],
      kinds: { known: { plural: 'known problems' } },
      run: () => ({ findings: [], lines: [] }),
    });
    expect(() => validateResult(check, { findings: [finding('unknown', null, 'x')], lines: [] })).toThrow(
      /check "strict" is invalid:\n {2}- findings\.0\.id: "unknown" is not one of its kinds/,
    );
    expect(() => validateResult(check, { findings: [], lines: [], summary: { passed: true } })).toThrow(
      /summary: must not name measured_at, content_digest, passed, complete, failures/,
    );
    expect(() => validateResult(check, { findings: [] })).toThrow(/- lines: /);
    expect(
      validateResult(check, { findings: [finding('known', '/', 'x')], lines: [] }).findings,
    ).toHaveLength(1);
  });
});
