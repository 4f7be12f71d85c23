import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogRoots } from '../../generator/catalog/registry.ts';
import { repoRoot } from '../../generator/paths.ts';

/**
 * A copy of the repository's catalogue (sections, templates, themes) to seed
 * mistakes into. It lies inside the repository, under the git-ignored
 * `.dreamseed/catalogues/` (Astro builds no component outside its project
 * root; Node strips no types under node_modules), with a `generator` symlink
 * so its files' `../../generator/…` imports resolve.
 */
export interface CatalogueCopy {
  root: string;
  roots: CatalogRoots;
  /** Replaces `find` (which must occur) with `replace` in a file of the copy. */
  edit(file: string, find: string, replace: string): void;
  write(file: string, text: string): void;
  remove(): void;
}

export function copyCatalogue(): CatalogueCopy {
  const parent = join(repoRoot, '.dreamseed', 'catalogues');
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, 'copy-'));
  for (const dir of ['sections', 'templates', 'themes'])
    cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
  symlinkSync(join(repoRoot, 'generator'), join(root, 'generator'), 'dir');
  return {
    root,
    roots: {
      sections: join(root, 'sections'),
      templates: join(root, 'templates'),
      themes: join(root, 'themes'),
    },
    edit(file, find, replace) {
      const path = join(root, file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(find)) throw new Error(`${file} does not contain ${JSON.stringify(find)}`);
      writeFileSync(path, text.replace(find, replace));
    },
    write(file, text) {
      writeFileSync(join(root, file), text);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
