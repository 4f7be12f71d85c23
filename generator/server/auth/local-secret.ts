import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The embedded database's local sign-in secret: 32 random bytes, generated once and kept in the
 * state folder (`<DREAMSEED_HOME>/auth/local-jwt-secret`, mode 0600), so tokens issued by one
 * `serve` stay valid across restarts and for the studio running in the same checkout. Never used
 * when a Supabase project is configured (auth-settings.ts).
 */
export function localSecretFile(stateDir: string): string {
  return join(stateDir, 'auth', 'local-jwt-secret');
}

export function loadLocalSecret(stateDir: string): Uint8Array {
  const file = localSecretFile(stateDir);
  try {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    // `wx`: two processes starting at once keep the first one's secret.
    writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }
}
