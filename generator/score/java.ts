import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { errors } from '../errors.ts';

/**
 * The machine's Java runtime (JAVA_HOME, else PATH), for checkers that run on
 * the JVM. Never downloads one.
 */
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
