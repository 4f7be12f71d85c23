import { spawn } from 'node:child_process';
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
