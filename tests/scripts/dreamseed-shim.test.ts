import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';
import { cliEnv, runCli, tempHome } from '../helpers/cli.ts';

/**
 * `./dreamseed`, the way the README tells people to type the command: the pinned
 * Node 24 on the TypeScript entry, with the compile cache and the V8 flags of
 * the entry's own first line, from the repository or through a link elsewhere.
 */
const home = tempHome();
const shim = join(repoRoot, 'dreamseed');
// Loaded through NODE_OPTIONS: reports, at exit, the flags and compile cache of the process the shim started.
const probe = join(mkdtempSync(join(tmpdir(), 'dreamseed-probe-')), 'probe.mjs');
writeFileSync(
  probe,
  `import { writeFileSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
process.on('exit', () =>
  writeFileSync(
    process.env.DREAMSEED_PROBE,
    JSON.stringify({ execArgv: process.execArgv, version: process.version, cache: getCompileCacheDir() ?? null }),
  ),
);
`,
);

function viaShim(path: string, args: string[], env: Record<string, string> = {}) {
  const report = join(mkdtempSync(join(tmpdir(), 'dreamseed-shim-')), 'probe.json');
  const r = spawnSync(path, args, {
    cwd: tmpdir(),
    env: { ...cliEnv(home, env), NODE_OPTIONS: `--import=${probe}`, DREAMSEED_PROBE: report },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const process = JSON.parse(readFileSync(report, 'utf8')) as {
    execArgv: string[];
    version: string;
    cache: string | null;
  };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, process };
}

describe('./dreamseed (subprocess)', { timeout: 120_000 }, () => {
  it("runs the CLI with the pinned Node 24, the compile cache and the entry's V8 flags", () => {
    const r = viaShim(shim, ['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(runCli(['--help'], home).stdout);
    expect(r.process.version).toMatch(/^v24\./);
    // `#!/usr/bin/env -S node FLAGS`: the shim passes the same flags, and no others.
    const shebang = readFileSync(join(repoRoot, 'scripts', 'dreamseed.ts'), 'utf8').split('\n')[0]!;
    const flags = shebang.replace(/^#!\/usr\/bin\/env -S node /, '').split(' ');
    expect(flags).toContain('--liftoff-only');
    expect(flags).toContain('--invocation-count-for-turbofan=30000');
    expect(r.process.execArgv).toEqual(flags);
    // Kernels before Linux 5.1 cut a shebang at 127 bytes after `#!`.
    expect(Buffer.byteLength(shebang)).toBeLessThanOrEqual(127);
    expect(r.process.cache).toContain(join(repoRoot, 'node_modules', '.cache', 'dreamseed-compile'));
  });

  it('leaves the compile cache off for the commands that run until stopped and build in their own process', () => {
    for (const command of ['serve', 'worker', 'templates']) {
      const r = viaShim(shim, [command, '--help']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.process.cache, command).toBeNull();
    }
    expect(viaShim(shim, ['generate', '--help']).process.cache).toContain('dreamseed-compile');
  });

  it('works through a link from elsewhere, keeps a compile cache the caller chose, and passes exit codes', () => {
    const link = join(mkdtempSync(join(tmpdir(), 'dreamseed-bin-')), 'dreamseed');
    symlinkSync(shim, link);
    const cache = mkdtempSync(join(tmpdir(), 'dreamseed-cache-'));
    const ok = viaShim(link, ['dna', 'schema'], { NODE_COMPILE_CACHE: cache });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).$schema).toMatch(/json-schema/);
    expect(ok.process.cache).toContain(cache);
    const usage = viaShim(link, ['generate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/generate needs exactly one of/);
  });
});
