import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CatalogRoots, defaultRoots } from '../catalog/registry.ts';
import { errors } from '../errors.ts';
import { repoRoot } from '../paths.ts';

/**
 * `--root DIR` of the designers' commands: a catalogue other than the
 * repository's, a folder holding `sections/`, `templates/` and `themes/`
 * (a copy to try changes on). Its files import `../../generator/…`, so it
 * needs `generator` beside them (a symlink), and it must lie inside the
 * repository outside node_modules (e.g. `.dreamseed/catalogues/x`): Astro
 * builds no component outside its project root, and Node strips no types
 * under node_modules.
 */
export function catalogueRoots(dir: string | undefined): CatalogRoots {
  if (!dir) return defaultRoots;
  const root = resolve(dir);
  if (!root.startsWith(`${repoRoot}/`) || root.includes('/node_modules/'))
    throw errors.usage(
      `--root ${dir} is not inside the repository (${repoRoot}), or is under node_modules.`,
      'Copy the catalogue to a folder inside the repository, e.g. .dreamseed/catalogues/<name>, with a `generator` symlink beside it.',
    );
  for (const sub of ['sections', 'templates', 'themes'])
    if (!existsSync(join(root, sub)))
      throw errors.usage(
        `--root ${dir} has no ${sub}/ folder.`,
        'Give a folder holding sections/, templates/ and themes/ (the repository root is the default).',
      );
  return {
    sections: join(root, 'sections'),
    templates: join(root, 'templates'),
    themes: join(root, 'themes'),
  };
}
