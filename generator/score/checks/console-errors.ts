import { defineCheck, finding } from '../check.ts';

/**
 * The browser console stays clean: an error a page logged or threw while it
 * loaded in Chromium, at mobile or desktop size, blocks the gate (each message
 * once per page and size).
 */
export default defineCheck({
  id: 'console-errors',
  title: 'Browser console',
  order: 80,
  needs: ['visits'],
  kinds: { error: { plural: 'console errors' } },
  run({ visits }) {
    const errors = visits.flatMap((v) =>
      [...new Set(v.consoleErrors)].map((message) => ({ page: v.path, viewport: v.viewport, message })),
    );
    return {
      findings: errors.map((c) =>
        finding('error', c.page, `Browser console error on ${c.page} (${c.viewport}): ${c.message}`),
      ),
      lines: [{ pass: !errors.length, text: `Browser console: ${errors.length} errors` }],
      data: errors.map((c) => ({ page: `${c.page} (${c.viewport})`, message: c.message })),
    };
  },
});
