import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { catalogue } from '../../../generator/error-catalogue.ts';
import { errorsDoc, errorsDocPath } from '../../../scripts/docs/gen-errors.ts';

it('the committed docs/errors.md matches the error catalogue (run `npm run docs:errors` after changing it)', () => {
  expect(readFileSync(errorsDocPath, 'utf8')).toBe(errorsDoc());
});

it('documents every code with its meaning, hint, kind, exit code and HTTP status', () => {
  const doc = errorsDoc();
  for (const [code, entry] of Object.entries(catalogue)) {
    const section = doc.split(`\n### ${code}\n`)[1]?.split('\n### ')[0];
    expect(section, code).toBeDefined();
    expect(section).toContain(entry.meaning);
    expect(section).toContain(entry.hint);
    expect(section).toContain(
      `Kind: \`${entry.kind}\`, exit code ${['usage', 'input'].includes(entry.kind) ? 2 : 1}`,
    );
    expect(section).toMatch(new RegExp(`HTTP: ${entry.http} [A-Z]`));
  }
});
