import type { Finding } from '../designers/lint-finding.ts';
import { errors } from '../errors.ts';
import { catalogueRoots } from './catalogue-root.ts';
import type { JsonFlag } from './json-output.ts';
import { info, paint, printJson, printLine } from './output.ts';

/** `dreamseed templates lint [ID…]` (declared in commands/templates.ts). */
export interface LintFlags extends JsonFlag {
  founder?: string[] | undefined;
  edges?: boolean;
  build?: boolean;
  lighthouse?: boolean;
  root?: string;
}

export async function lint(ids: string[], flags: LintFlags): Promise<void> {
  const roots = catalogueRoots(flags.root);
  const { demoFounders } = await import('../designers/lint-cases.ts');
  const known = demoFounders();
  for (const slug of flags.founder ?? [])
    if (!known.includes(slug))
      throw errors.usage(`--founder ${slug} is not a demo founder.`, `Demo founders: ${known.join(', ')}.`);
  const { lintReport } = await import('../designers/lint.ts');
  const report = await lintReport(ids, {
    roots,
    founders: flags.founder?.length ? flags.founder : undefined,
    edges: flags.edges,
    build: flags.build,
    lighthouse: flags.lighthouse,
    onProgress: (line) => info(paint('dim', line)),
  });
  const errorCount = report.findings.filter((f) => f.severity === 'error').length;
  const warningCount = report.findings.length - errorCount;
  if (flags.json) printJson(report);
  else {
    for (const f of report.findings) printFinding(f);
    const builds = report.renders.length;
    printLine(
      `${errorCount ? paint('red', `${errorCount} errors`, process.stdout) : paint('green', '0 errors', process.stdout)}, ` +
        `${warningCount} warnings: ${report.templates.length} templates × ${report.cases.length} DNA cases ` +
        `(${builds} renders) in ${(report.ms / 1000).toFixed(1)} s`,
    );
  }
  if (errorCount) throw errors.lintFailed(errorCount, warningCount, report.findings);
}

function printFinding(f: Finding): void {
  const where = `${f.file}:${f.line}`;
  const severity =
    f.severity === 'error'
      ? paint('red', 'error', process.stdout)
      : paint('yellow', 'warning', process.stdout);
  printLine(`${severity} ${where}  ${paint('bold', f.id, process.stdout)}`);
  printLine(`  ${f.message}`);
  printLine(`  ${paint('dim', `hint: ${f.hint}`, process.stdout)}`);
}
