/**
 * The seam between the contact sheet and `templates lint` (built on branch
 * wt-lint): each template's lint findings, shown in its cells. Until
 * `lintTemplates` is merged, the grid says that lint did not run; it never
 * shows an empty list as if lint had passed.
 */
export interface GridLintFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  file: string | null;
  line: number | null;
  message: string;
}

export type GridLint =
  | { available: true; findings: Map<string, GridLintFinding[]> }
  | { available: false; reason: string };

export async function gridLint(_templates: string[]): Promise<GridLint> {
  return {
    available: false,
    reason: '`templates lint` is not in this build (branch wt-lint not merged): lint did not run',
  };
}
