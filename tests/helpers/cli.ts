import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/** Runs the real `dreamseed` CLI in a subprocess with its own state folder. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'dreamseed-cli-'));
}

const entry = join(repoRoot, 'scripts', 'dreamseed.ts');

export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DREAMSEED_DB: _db, ...env } = process.env;
  return { ...env, DREAMSEED_HOME: home, NO_COLOR: '1', ...extra };
}

export function runCli(args: string[], home: string, extra: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    env: cliEnv(home, extra),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runCliAsync(
  args: string[],
  home: string,
  extra: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot, env: cliEnv(home, extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a serving command (`preview …`) and resolves with the URL it prints first; `stop()` ends it. */
export function startCliServer(
  args: string[],
  home: string,
  extra: Record<string, string> = {},
): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot, env: cliEnv(home, extra) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ url: out.trim(), stop: () => child.kill('SIGTERM') });
    });
    child.on('close', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)));
  });
}
