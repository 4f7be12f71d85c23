import { Option } from 'commander';
import { printJson } from './output.ts';

/**
 * `--json`, declared once for every command that prints data, and the one way
 * such a command prints its result: with `--json` exactly one JSON document on
 * stdout, otherwise the human form (a table or lines). Progress and warnings
 * always go to stderr (output.ts), so stdout stays parseable.
 */
export interface JsonFlag {
  json?: boolean | undefined;
}

/** The `--json` option: "print <what> as JSON". */
export function jsonOption(what = 'the result', note = ''): Option {
  return new Option('--json', `print ${what} as JSON${note ? ` ${note}` : ''}`);
}

/** Prints `data` as JSON with `--json`, else hands it to `human`. */
export function printResult<T>(flags: JsonFlag, data: T, human: (data: T) => void): void {
  if (flags.json) printJson(data);
  else human(data);
}
