import { defineCheck, finding } from '../check.ts';

/**
 * Accessibility by axe-core (WCAG 2.x A/AA and axe's best practices), run in
 * Chromium on every page at mobile and desktop size (`page-visits.ts`). Every
 * violation blocks the gate, named with its rule, impact and elements.
 */
export default defineCheck({
  id: 'axe',
  title: 'Accessibility (axe)',
  order: 30,
  needs: ['visits', 'pages'],
  kinds: { violation: { plural: 'axe violations' } },
  run({ visits, pages }) {
    const axe = visits.flatMap((v) => v.axe.map((a) => ({ ...a, page: v.path, viewport: v.viewport })));
    const version = visits[0]?.axeVersion ?? null;
    return {
      findings: axe.map((v) =>
        finding(
          'violation',
          v.page,
          `Accessibility (axe ${v.id}, ${v.impact ?? 'n/a'}) on ${v.page} (${v.viewport}): ${v.help} — ${v.nodes
            .map((n) => n.target)
            .slice(0, 3)
            .join('; ')}`,
          { hint: v.helpUrl },
        ),
      ),
      lines: [
        {
          pass: !axe.length,
          text: `Accessibility (axe ${version}): ${axe.length} violations on ${pages.paths.length} pages at mobile and desktop size`,
        },
      ],
      summary: { axe_violations: axe.length },
      tools: { axe: version },
      data: axe,
    };
  },
});
