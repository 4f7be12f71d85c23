import { styleText } from 'node:util';

/**
 * Everything the CLI prints goes through here: data to stdout (a table or, with
 * `--json`, exactly one JSON document), progress and diagnostics to stderr.
 * Colour follows the stream and NO_COLOR / FORCE_COLOR (node:util styleText).
 */
type Style = Parameters<typeof styleText>[0];

export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stderr): string {
  return styleText(style, text, { stream, validateStream: true });
}

let printedJson = false;

export function printJson(value: unknown): void {
  printedJson = true;
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Whether this process has printed a JSON document on stdout (run.ts prints an error as one otherwise). */
export const hasPrintedJson = () => printedJson;

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function info(text: string): void {
  process.stderr.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${paint('yellow', 'warning:')} ${text}\n`);
}

/** A plain aligned table for people; machines use `--json`. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cells = rows.map((r) => columns.map((c) => formatCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  printLine(paint('bold', line(columns), process.stdout));
  for (const row of cells) printLine(line(row));
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Runs one stage, printing `✓ name  123 ms` (or `✗`) to stderr, and returns its result and time. */
export async function stage<T>(
  name: string,
  fn: () => Promise<T>,
  timings?: Record<string, number>,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    const ms = Math.round(performance.now() - started);
    if (timings) timings[name] = ms;
    info(`${paint('green', '✓')} ${name.padEnd(18)} ${paint('dim', `${ms} ms`)}`);
    return result;
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    info(`${paint('red', '✗')} ${name.padEnd(18)} ${paint('dim', `${ms} ms`)}`);
    throw error;
  }
}

/**
 * A coloured block showing `hex` (two cells, then a space) when the stream shows
 * colour: not with NO_COLOR; on a terminal that has colours, or with FORCE_COLOR.
 * 24-bit where the terminal has it, else the nearest of the 256 colours. Empty
 * otherwise, so the hex beside it carries the information.
 */
export function swatch(hex: string, stream: NodeJS.WriteStream = process.stdout): string {
  const depth = colourDepth(stream);
  if (depth < 8) return '';
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  const background = depth >= 24 ? `48;2;${r};${g};${b}` : `48;5;${ansi256(r, g, b)}`;
  return `\x1b[${background}m  \x1b[0m `;
}

function colourDepth(stream: NodeJS.WriteStream): number {
  if (process.env.NO_COLOR) return 1;
  const forced = process.env.FORCE_COLOR;
  if (forced !== undefined && forced !== '0' && forced !== 'false')
    return forced === '3' ? 24 : forced === '2' ? 8 : 4;
  return stream.isTTY && stream.getColorDepth ? stream.getColorDepth() : 1;
}

/** The nearest colour of xterm's 6×6×6 cube. */
function ansi256(r: number, g: number, b: number): number {
  const level = (v: number) => (v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40));
  return 16 + 36 * level(r) + 6 * level(g) + level(b);
}
