import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import { errors } from '../errors.ts';

/**
 * Debian's Chromium, launched once per scoring session through chrome-launcher
 * with the flags measured for this machine (docs/ARCHITECTURE.md). Never a
 * downloaded browser: when none is installed, the error says what to install.
 */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary to use: CHROMIUM_PATH, Debian's, or `chromium` on PATH; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  for (const path of CANDIDATES) if (isExecutable(path)) return path;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const path = join(dir, name);
      if (dir && isExecutable(path)) return path;
    }
  }
  return null;
}

export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = findChromium(env);
  if (path) return path;
  throw errors.toolMissing(
    'Chromium',
    'to run Lighthouse and the accessibility checks',
    env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: point it at a Chromium binary, or unset it and install Debian's: sudo apt-get install chromium`
      : "Install Debian's Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH to a Chromium binary).",
    { searched: env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [...CANDIDATES, 'chromium on PATH'] },
  );
}

export interface Browser {
  port: number;
  close(): Promise<void>;
}

export async function launchBrowser(chromePath: string): Promise<Browser> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: CHROMIUM_FLAGS,
    logLevel: 'silent',
    handleSIGINT: true,
  });
  let closed = false;
  return {
    port: chrome.port,
    async close() {
      if (closed) return;
      closed = true;
      chrome.kill();
    },
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
