import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errors } from '../errors.ts';

/**
 * HTML validity with the Nu HTML Checker (the `vnu-jar` package's vnu.jar) on
 * the machine's Java. All of a site's pages go through one JVM; JIT tier 1 and
 * the serial collector cut the checker's start-up from ~6 s to ~3 s here.
 * Never downloads a Java runtime (the package's own fallback would).
 */
export interface HtmlMessage {
  file: string;
  line: number | null;
  message: string;
  extract: string | null;
}

export interface HtmlValidity {
  errors: HtmlMessage[];
  warnings: number;
  checker: string;
}

export function findJava(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    ...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin', 'java')] : []),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'java')),
  ];
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return null;
}

export function requireJava(env: NodeJS.ProcessEnv = process.env): string {
  const java = findJava(env);
  if (java) return java;
  throw errors.toolMissing(
    'Java (11 or newer)',
    'to run the Nu HTML Checker (vnu.jar)',
    'Install a Java runtime: sudo apt-get install default-jre-headless (or set JAVA_HOME).',
  );
}

export function vnuJarPath(): string {
  return join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build', 'dist', 'vnu.jar');
}

export function validateHtml(java: string, root: string, files: string[]): Promise<HtmlValidity> {
  if (!files.length) return Promise.resolve({ errors: [], warnings: 0, checker: 'vnu' });
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xss2m',
    '-jar',
    vnuJarPath(),
    '--format',
    'json',
    '--stdout',
    '--exit-zero-always',
    ...files.map((f) => join(root, f)),
  ];
  return new Promise((resolve, reject) => {
    execFile(java, args, { maxBuffer: 64 * 2 ** 20, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`The Nu HTML Checker failed to run: ${stderr.trim() || error.message}`));
        return;
      }
      let parsed: {
        version?: string;
        messages: {
          type: string;
          subType?: string;
          url?: string;
          lastLine?: number;
          message: string;
          extract?: string;
        }[];
      };
      try {
        parsed = JSON.parse(stdout);
      } catch {
        reject(
          new Error(
            `The Nu HTML Checker printed something that is not its JSON report: ${stdout.slice(0, 200)}`,
          ),
        );
        return;
      }
      const out: HtmlValidity = { errors: [], warnings: 0, checker: `vnu ${parsed.version ?? ''}`.trim() };
      for (const m of parsed.messages) {
        if (m.type === 'info') {
          if (m.subType === 'warning') out.warnings++;
          continue;
        }
        out.errors.push({
          file: m.url?.startsWith('file:') ? relative(root, fileURLToPath(m.url)) : (m.url ?? '?'),
          line: m.lastLine ?? null,
          message: m.type === 'non-document-error' ? `could not check: ${m.message}` : m.message,
          extract: m.extract?.trim() ?? null,
        });
      }
      resolve(out);
    });
  });
}
