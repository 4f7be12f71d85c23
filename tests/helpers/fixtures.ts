import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/** The real test media with their manifest (tests/fixtures/media/README.md). */
export const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'media');
export const fixture = (name: string) => readFileSync(join(fixturesDir, name));

/** The media files (not the manifest or README), sorted. */
export const fixtureFiles = (): string[] =>
  readdirSync(fixturesDir)
    .filter((f) => /\.(png|jpe?g|svg)$/.test(f))
    .sort();
