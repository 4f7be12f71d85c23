import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from '../../../generator/score/artifacts.ts';
import { findJava, requireJava } from '../../../generator/score/java.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The tools behind the artifacts: a scoring session finds the ones its checks'
 * needs call for before anything runs, says exactly what to install when one
 * is missing, and asks for no tool nothing needs.
 */
const scratch = scratchFolders();

describe('missing tools', () => {
  it('says exactly what to install, and measures nothing', () => {
    const empty = scratch('ds-nopath-');
    expect(findJava({ PATH: empty })).toBeNull();
    expect(() => requireJava({ PATH: empty })).toThrow(
      /Java .* was not found on this machine. Nothing was measured/,
    );
    try {
      requireJava({ PATH: empty });
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(/apt-get install default-jre-headless/);
    }
    expect(() => requireTools(['java'], { PATH: empty })).toThrow(/Java/);
    expect(() => requireTools(['visits'], { PATH: empty, CHROMIUM_PATH: join(empty, 'chromium') })).toThrow(
      /Chromium is needed/,
    );
  });

  it('asks only for the tools the named artifacts need', () => {
    const empty = scratch('ds-nopath-');
    const none = { PATH: empty, CHROMIUM_PATH: join(empty, 'chromium') };
    expect(requireTools(['root', 'pages', 'files', 'headersFile', 'bundle', 'servedUrl'], none)).toEqual({});
    expect(Object.keys(requireTools(['java', 'lighthouse', 'visits'], process.env))).toEqual([
      'chromium',
      'java',
    ]);
  });
});
