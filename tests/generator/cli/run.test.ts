import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../generator/paths.ts';
import { cliEnv, tempHome } from '../../helpers/cli.ts';

/** How the CLI ends (generator/cli/run.ts), beyond the exit codes the command suites check. */
describe('runCli', () => {
  it('a reader that closes the pipe early ends the command quietly, with its own exit code', async () => {
    // `dreamseed dna schema | head -1`, with the reader gone before the first line is written.
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'dreamseed.ts'), 'dna', 'schema'], {
      cwd: repoRoot,
      env: cliEnv(tempHome()),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('runCli with --json', { timeout: 60_000 }, () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot, 'scripts', 'dreamseed.ts'), ...args], {
      cwd: repoRoot,
      env: cliEnv(tempHome()),
      encoding: 'utf8',
    });

  it('prints a failure as the one JSON document on stdout, with its catalogue code, and the message on stderr', () => {
    const r = run(['generate', '--dna', join(tempHome(), 'missing.json'), '--json']);
    expect(r.status).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error).toMatchObject({ kind: 'usage', message: expect.stringContaining('missing.json') });
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect(r.stderr).toContain(error.message);
  });

  it('prints a command-line mistake as code USAGE', () => {
    const r = run(['generate', '--no-such-flag', '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'USAGE', kind: 'usage' });
  });

  it('prints nothing on stdout for a failure without --json', () => {
    const r = run(['generate', '--no-such-flag']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
