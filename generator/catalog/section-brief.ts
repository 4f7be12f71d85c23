import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.ts';

/**
 * A section's AI brief is the `prompt.hbs` in its folder (our own Handlebars;
 * generator/writers/prompts/README.md). A section without one is always
 * written by the offline writer. A section with one is the AI writer's to
 * write, in the brand voice: its inputs (and so its staleness) include the
 * voice (content/section-inputs.ts).
 */
export function briefFile(section: { type: string }): string | null {
  const file = join(repoRoot, 'sections', section.type, 'prompt.hbs');
  return existsSync(file) ? file : null;
}

/** Whether the section has an AI brief (`briefFile`). */
export function hasBrief(section: { type: string }): boolean {
  return briefFile(section) !== null;
}
