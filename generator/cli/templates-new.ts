import type { Scaffolded } from '../designers/scaffold.ts';
import { catalogueRoots } from './catalogue-root.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { paint, printLine } from './output.ts';

/** `dreamseed templates new ID [--from ID]` and `dreamseed sections new TYPE` (commands/templates.ts, commands/sections.ts). */
export async function newTemplate(
  id: string,
  flags: JsonFlag & { from?: string; root?: string },
): Promise<void> {
  const { newTemplate: scaffold } = await import('../designers/scaffold.ts');
  const result = await scaffold(id, { from: flags.from, roots: catalogueRoots(flags.root) });
  printResult(flags, result, printScaffold);
}

export async function newSection(type: string, flags: JsonFlag & { root?: string }): Promise<void> {
  const { newSection: scaffold } = await import('../designers/scaffold.ts');
  const result = await scaffold(type, { roots: catalogueRoots(flags.root) });
  printResult(flags, result, printScaffold);
}

function printScaffold(result: Scaffolded): void {
  printLine(`New ${result.kind} ${paint('bold', result.name, process.stdout)}: wrote`);
  for (const f of result.files) printLine(`  ${f}`);
  printLine('Next:');
  for (const n of result.next) printLine(`  ${n}`);
}
