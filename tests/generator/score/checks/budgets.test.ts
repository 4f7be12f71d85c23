import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import budgetsCheck, {
  DEFAULT_BUDGETS,
  gzipBytes,
  measureBudgets,
} from '../../../../generator/score/checks/budgets.ts';
import { sitePages } from '../../../../generator/score/site-pages.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * The byte budgets: measured on hand-made sites, and worded as the gate lists
 * them (a budget Lighthouse did not measure does not pass).
 */
const scratch = scratchFolders();

describe('byte budgets', () => {
  it('measures the home page gzipped, JavaScript in files and inline, and the mobile transfer', () => {
    const root = scratch('ds-budget-');
    const html = `<!doctype html><title>x</title><style>${'.a{color:red}'.repeat(50)}</style><script type="application/ld+json">{"@type":"Thing"}</script>`;
    writeFileSync(join(root, 'index.html'), html);
    const ok = measureBudgets(root, ['index.html'], 200_000);
    expect(ok.every((b) => b.pass)).toBe(true);
    expect(ok[0]!.actual).toBe(gzipBytes(html));

    writeFileSync(join(root, 'index.html'), `${html}<script>console.log(1)</script>`);
    writeFileSync(join(root, 'app.js'), 'export {}');
    const over = measureBudgets(root, ['index.html', 'app.js'], 400_000);
    expect(over.find((b) => b.budget === 'javascript_bytes')).toMatchObject({ actual: 23, pass: false });
    expect(over.find((b) => b.budget === 'home_mobile_bytes')).toMatchObject({
      pass: false,
      limit: DEFAULT_BUDGETS.home_mobile_bytes,
    });
    expect(
      measureBudgets(root, ['index.html'], null).find((b) => b.budget === 'home_mobile_bytes')?.pass,
    ).toBe(false);
  });
});

describe('the budgets check', () => {
  it('words a budget over its limit, and one not measured, as the gate lists them', async () => {
    const root = scratch('ds-budget-check-');
    const script = 'let a = 1';
    writeFileSync(join(root, 'index.html'), `<!doctype html><title>x</title><script>${script}</script>`);
    const run = (total_bytes: number | null) =>
      budgetsCheck.run({
        root,
        files: ['index.html'],
        pages: sitePages(root),
        lighthouse: {
          runs: total_bytes === null ? [] : [{ page: '/', form_factor: 'mobile', total_bytes } as never],
          unmeasured: [],
          required: [],
        },
      });
    expect((await run(400 * 1024)).findings.map((f) => [f.id, f.message])).toEqual([
      [
        'javascript_bytes',
        `Budget "JavaScript shipped (files and inline scripts)" is ${script.length} B, over the 0 B limit.`,
      ],
      [
        'home_mobile_bytes',
        'Budget "home page transfer on mobile (Lighthouse)" is 400.0 KB, over the 300.0 KB limit.',
      ],
    ]);
    expect((await run(null)).findings.at(-1)).toMatchObject({
      id: 'home_mobile_bytes',
      message: 'Budget "home page transfer on mobile (Lighthouse)" was not measured.',
      numbers: { limit: DEFAULT_BUDGETS.home_mobile_bytes },
    });
    expect((await run(null)).lines.map((l) => l.pass)).toEqual([true, false, false]);
  });
});
