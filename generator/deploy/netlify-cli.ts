import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * Runs the real `netlify-cli` (the pinned package, on this Node) as a child
 * process: non-interactive (`CI=true`, which also turns its telemetry off), no
 * update check, its global config isolated under the state folder so a
 * developer's own `netlify login` never leaks in, and a fresh working folder
 * per call (it writes `.netlify/state.json` into it). Authentication is only
 * ever NETLIFY_AUTH_TOKEN; NETLIFY_API_URL points it at another API (tests).
 */
export interface NetlifyCliOptions {
  token: string;
  apiUrl?: string | undefined;
  /** Holds the CLI's isolated global config. */
  stateDir: string;
  timeoutMs?: number;
}

export class NetlifyCliError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(message: string, exitCode: number | null, stderr: string) {
    super(message);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export function netlifyBin(): string {
  return join(dirname(createRequire(import.meta.url).resolve('netlify-cli/package.json')), 'bin', 'run.js');
}

export function runNetlify(
  args: string[],
  options: NetlifyCliOptions,
): Promise<{ stdout: string; stderr: string }> {
  const configHome = join(options.stateDir, 'netlify-cli');
  mkdirSync(configHome, { recursive: true });
  const cwd = mkdtempSync(join(tmpdir(), 'dreamseed-netlify-'));
  const {
    NETLIFY_SITE_ID: _site,
    NETLIFY_API_URL: _api,
    NETLIFY_AUTH_TOKEN: _token,
    ...inherited
  } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NETLIFY_AUTH_TOKEN: options.token,
    ...(options.apiUrl ? { NETLIFY_API_URL: options.apiUrl } : {}),
    CI: 'true',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    XDG_CONFIG_HOME: configHome,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [netlifyBin(), ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      reject(new NetlifyCliError(`netlify-cli could not start: ${error.message}`, null, ''));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new NetlifyCliError(
            signal ? `netlify-cli was stopped (${signal})` : cliErrorMessage(stderr || stdout),
            code,
            stderr,
          ),
        );
    });
  });
}

/** Runs a command that prints JSON (`--json`, or `netlify api`) and parses it. */
export async function netlifyJson<T>(args: string[], options: NetlifyCliOptions): Promise<T> {
  const { stdout } = await runNetlify(args, options);
  const start = stdout.search(/[[{]/);
  try {
    return JSON.parse(stdout.slice(start)) as T;
  } catch {
    throw new NetlifyCliError(`netlify-cli printed no JSON: ${stdout.slice(0, 300).trim()}`, 0, '');
  }
}

/** The CLI's own error line(s), without colours, box characters or stack traces. */
export function cliErrorMessage(output: string): string {
  const lines = stripVTControlCharacters(output)
    .split('\n')
    .map((l) => l.replace(/^\s*›\s*/, '').trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^Warning:/.test(l));
  const errorLines = lines.filter((l) => /error/i.test(l));
  const picked = (errorLines.length ? errorLines : lines).slice(0, 3).join(' ');
  return (picked.replace(/^Error:\s*/, '') || 'netlify-cli failed without saying why').slice(0, 500);
}
