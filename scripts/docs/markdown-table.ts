/** A Markdown table, its columns padded as Biome formats them (so `biome check` leaves the file alone). */
export function markdownTable(head: string[], rows: string[][]): string {
  const cells = [head, ...rows].map((row) => row.map((c) => c.replaceAll('|', '\\|')));
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const [first, ...rest] = cells;
  return [line(first!), line(widths.map((w) => '-'.repeat(w))), ...rest.map(line)].join('\n');
}
