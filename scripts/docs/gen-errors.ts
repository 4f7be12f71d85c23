#!/usr/bin/env node
// Writes docs/errors.md from the error catalogue (generator/error-catalogue.ts); `--check` only compares.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CatalogueEntry,
  catalogue,
  type ErrorKind,
  errorKinds,
} from '../../generator/error-catalogue.ts';
import { repoRoot } from '../../generator/paths.ts';
import { markdownTable } from './markdown-table.ts';

const COMMAND = 'npm run docs:errors';
export const errorsDocPath = join(repoRoot, 'docs', 'errors.md');

/** The text of docs/errors.md. */
export function errorsDoc(): string {
  const entries = Object.entries(catalogue) as [string, CatalogueEntry][];
  const kinds = Object.entries(errorKinds) as [ErrorKind, (typeof errorKinds)[ErrorKind]][];
  const httpOfKind = (caller: boolean) => (caller ? '4xx' : '5xx, or 409 for a conflict');
  return [
    `<!-- Generated from generator/error-catalogue.ts by \`${COMMAND}\`. Do not edit by hand. -->`,
    '',
    '# Errors',
    '',
    'Every failure DreamSeed reports is a named error: a stable code, what happened, and a hint saying what',
    'to do. The CLI prints the message and the hint (never a stack trace; `DREAMSEED_DEBUG=1` adds the',
    "cause) and exits with its kind's exit code: `0` success, `1` the work failed or was refused, `2` bad",
    'usage or input. Printed as JSON (`dreamseed publish --json` when the gate refuses), an error is',
    '`{ code, kind, message, hint, data }`. An HTTP API answers each code with the status given below.',
    'A failure that is not one of these is a bug: the CLI says "unexpected failure" and exits 1.',
    '',
    'The codes, their kinds, statuses and the text of this page live in `generator/error-catalogue.ts`;',
    'the messages are worded by the named constructors in `generator/errors.ts`.',
    '',
    '## Kinds',
    '',
    markdownTable(
      ['Kind', 'Exit code', 'HTTP', 'Meaning'],
      kinds.map(([kind, k]) => [`\`${kind}\``, String(k.exit), httpOfKind(k.caller), k.meaning]),
    ),
    '',
    '## Codes',
    '',
    markdownTable(
      ['Code', 'Kind', 'Exit code', 'HTTP', 'What went wrong'],
      entries.map(([code, e]) => [
        `[\`${code}\`](#${code.toLowerCase()})`,
        `\`${e.kind}\``,
        String(errorKinds[e.kind].exit),
        String(e.http),
        e.title,
      ]),
    ),
    ...entries.flatMap(([code, e]) => [
      '',
      `### ${code}`,
      '',
      `**${e.title}.**`,
      '',
      `- Kind: \`${e.kind}\`, exit code ${errorKinds[e.kind].exit}`,
      `- HTTP: ${e.http} ${STATUS_CODES[e.http]}`,
      '',
      e.meaning,
      '',
      `What to do: ${e.hint}`,
    ]),
    '',
  ].join('\n');
}

function main(): void {
  const text = errorsDoc();
  if (process.argv.includes('--check')) {
    const current = existsSync(errorsDocPath) ? readFileSync(errorsDocPath, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`docs/errors.md is out of date. Run: ${COMMAND}\n`);
      process.exitCode = 1;
    } else process.stdout.write('docs/errors.md is up to date.\n');
    return;
  }
  writeFileSync(errorsDocPath, text);
  process.stderr.write(`wrote ${errorsDocPath}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
