import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import axeCheck from '../../../../generator/score/checks/axe.ts';
import { sitePages } from '../../../../generator/score/site-pages.ts';
import { pageVisit } from '../../../helpers/page-visit.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * axe's violations from every visit (mobile and desktop), each worded as the
 * gate lists it with its rule, impact, page, size and first elements.
 */
const scratch = scratchFolders();

describe('the axe check', () => {
  it('names each violation with its rule, impact, page, size and elements', async () => {
    const root = scratch('ds-axe-');
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const violation = {
      id: 'image-alt',
      impact: 'critical',
      help: 'Images must have alternate text',
      helpUrl: 'https://dequeuniversity.com/rules/axe/4.10/image-alt',
      nodes: ['img.a', 'img.b', 'img.c', 'img.d'].map((target) => ({ target, html: '<img>', summary: '' })),
    };
    const result = await axeCheck.run({
      pages: sitePages(root),
      visits: [
        pageVisit('/', [], [], [], { axeVersion: '4.10.3' }),
        pageVisit('/', [], [], [], { viewport: 'desktop', axe: [violation] }),
      ],
    });
    expect(result.findings).toEqual([
      {
        id: 'violation',
        severity: 'error',
        page: '/',
        message:
          'Accessibility (axe image-alt, critical) on / (desktop): Images must have alternate text — img.a; img.b; img.c',
        hint: violation.helpUrl,
      },
    ]);
    expect(result.lines).toEqual([
      { pass: false, text: 'Accessibility (axe 4.10.3): 1 violations on 1 pages at mobile and desktop size' },
    ]);
    expect(result.summary).toEqual({ axe_violations: 1 });
    expect(result.tools).toEqual({ axe: '4.10.3' });
  });
});
