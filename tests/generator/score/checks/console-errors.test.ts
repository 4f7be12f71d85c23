import { describe, expect, it } from 'vitest';
import consoleCheck from '../../../../generator/score/checks/console-errors.ts';
import { pageVisit } from '../../../helpers/page-visit.ts';

/** What a page logged or threw in the browser: once per page and size, worded as the gate lists it. */
describe('the console-errors check', () => {
  it('names each error once per page and size', async () => {
    const result = await consoleCheck.run({
      visits: [
        pageVisit('/', [], [], [], {
          consoleErrors: ['Refused to load the image', 'Refused to load the image'],
        }),
        pageVisit('/', [], [], [], { viewport: 'desktop', consoleErrors: ['Refused to load the image'] }),
        pageVisit('/about/'),
      ],
    });
    expect(result.findings.map((f) => f.message)).toEqual([
      'Browser console error on / (mobile): Refused to load the image',
      'Browser console error on / (desktop): Refused to load the image',
    ]);
    expect(result.lines).toEqual([{ pass: false, text: 'Browser console: 2 errors' }]);
    const clean = await consoleCheck.run({ visits: [pageVisit('/')] });
    expect(clean).toMatchObject({ findings: [], lines: [{ pass: true }] });
  });
});
