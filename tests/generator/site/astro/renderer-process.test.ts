import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../generator/paths.ts';
import {
  forkRenderer,
  startRendererEarly,
  takeEarlyRenderer,
} from '../../../../generator/site/astro/renderer-process.ts';

/** Running: it exists and is not a zombie (an ended process its new parent has not reaped yet). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/**
 * The renderer `dreamseed generate` starts before its CLI loads: only for a build, taken once by the
 * command, and never left behind when the command ends without taking it.
 */
describe('startRendererEarly', { timeout: 60_000 }, () => {
  it('starts nothing for help, other commands or a generate without a source', () => {
    for (const args of [
      ['generate', '--help'],
      ['generate', '--demo', 'bakery', '-h'],
      ['generate'],
      ['demo', 'list'],
      ['--help'],
    ]) {
      startRendererEarly(['node', 'dreamseed', ...args]);
      expect(takeEarlyRenderer(), args.join(' ')).toBeUndefined();
    }
  });

  it('starts the renderer for a build; the command takes it once', () => {
    startRendererEarly(['node', 'dreamseed', 'generate', '--dna=bundle.json']);
    const child = takeEarlyRenderer();
    expect(child?.pid).toBeTypeOf('number');
    expect(alive(child!.pid!)).toBe(true);
    expect(takeEarlyRenderer()).toBeUndefined();
    child!.kill();
  });

  it('does not keep a command alive that ends without taking it, and dies with it', () => {
    // A process that starts the renderer early and then has nothing left to do (a usage error, say).
    const script = `
      import { startRendererEarly } from ${JSON.stringify(join(repoRoot, 'generator/site/astro/renderer-process.ts'))};
      import { readdirSync, readFileSync } from 'node:fs';
      startRendererEarly(['node', 'dreamseed', 'generate', '--demo', 'bakery']);
      // Its children, from /proc: the fourth field of /proc/PID/stat is the parent's id.
      const ppid = (pid) => { try { const s = readFileSync('/proc/' + pid + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]); } catch { return 0; } };
      console.log(readdirSync('/proc').filter((p) => /^[0-9]+$/.test(p) && ppid(p) === process.pid).join(' '));
    `;
    // A file, not `-e`: the renderer is forked with this process's flags, and `--input-type` would stop it.
    const file = join(mkdtempSync(join(tmpdir(), 'dreamseed-early-')), 'command.mjs');
    writeFileSync(file, script);
    const started = Date.now();
    const r = spawnSync(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    // It exited on its own, long before a renderer would have finished loading Astro.
    expect(Date.now() - started).toBeLessThan(20_000);
    const pids = r.stdout.trim().split(' ').filter(Boolean).map(Number);
    expect(pids).toHaveLength(1);
    for (let i = 0; i < 100 && alive(pids[0]!); i++) spawnSync('sleep', ['0.05']);
    expect(alive(pids[0]!)).toBe(false);
    rmSync(dirname(file), { recursive: true, force: true });
  });
});

describe('forkRenderer', { timeout: 60_000 }, () => {
  it("gives the renderer this process's V8 flags and a young generation of at most 4 MB a half", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dreamseed-fork-flags-'));
    const entry = join(dir, 'report.mjs');
    writeFileSync(entry, 'process.send({ argv: process.execArgv });\nprocess.disconnect();\n');
    const child = forkRenderer(process.env, entry);
    const report = await new Promise<{ argv: string[] }>((resolve) => child.once('message', resolve));
    for (const flag of process.execArgv.filter((a) => !a.startsWith('--max-semi-space-size')))
      expect(report.argv).toContain(flag);
    expect(report.argv.filter((a) => a.startsWith('--max-semi-space-size'))).toEqual([
      '--max-semi-space-size=4',
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
