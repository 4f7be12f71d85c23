import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { GATHERERS } from './artifacts.ts';
import type { ArtifactName, Check, CheckResult } from './check.ts';

/**
 * The quality checks, found by folder as templates and sections are: every
 * `checks/<id>.ts` whose default export is a `defineCheck(...)` is run by the
 * scorer, in `order`, with nothing else to edit. Definitions are validated when
 * they load, and each result when its check returns it, naming the check and
 * the field.
 */
export const CHECKS_DIR = fileURLToPath(new URL('./checks/', import.meta.url));

const artifactNames = Object.keys(GATHERERS) as [ArtifactName, ...ArtifactName[]];

const definitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
  title: z.string().min(1),
  order: z.number(),
  needs: z.array(z.enum(artifactNames)),
  kinds: z
    .record(
      z.string().min(1),
      z.union([z.strictObject({ plural: z.string().min(1) }), z.strictObject({ listAll: z.literal(true) })]),
    )
    .refine((kinds) => Object.keys(kinds).length > 0, 'must name at least one kind of finding'),
  run: z.custom<Check['run']>((v) => typeof v === 'function', 'must be a function'),
});

/** The summary's own fields, which no check may set. */
const RESERVED = new Set(['measured_at', 'content_digest', 'passed', 'complete', 'failures']);

const resultSchema = z.strictObject({
  findings: z.array(
    z.strictObject({
      id: z.string(),
      severity: z.enum(['error', 'warning']),
      page: z.string().nullable(),
      message: z.string().min(1),
      hint: z.string().optional(),
      numbers: z.record(z.string(), z.number()).optional(),
    }),
  ),
  lines: z.array(z.strictObject({ pass: z.boolean().optional(), text: z.string() })),
  table: z
    .strictObject({
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    })
    .optional(),
  summary: z
    .record(z.string(), z.unknown())
    .refine((values) => !Object.keys(values).some((k) => RESERVED.has(k)), {
      message: `must not name ${[...RESERVED].join(', ')}: the scorer writes those`,
    })
    .optional(),
  tools: z.record(z.string(), z.string().nullable()).optional(),
  complete: z.boolean().optional(),
  data: z.unknown().optional(),
});

const HINT =
  'A check file exports `default defineCheck({ id, title, order, needs, kinds, run })`: see generator/score/README.md.';

/**
 * The checks in a folder (default: the built-in ones), sorted by `order`, then
 * id. Cheap to call again: each file is imported once per process.
 */
export async function loadChecks(dir: string = CHECKS_DIR): Promise<Check[]> {
  if (!existsSync(dir)) throw errors.invalidInput('The checks folder', [`${dir} does not exist`], HINT);
  const checks: Check[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('.') && !f.startsWith('_'))
    .sort();
  for (const file of files) {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(join(dir, file)).href)) as typeof mod;
    } catch (error) {
      problems.push(`${file}: does not load: ${(error as Error).message}`);
      continue;
    }
    const parsed = definitionSchema.safeParse(mod.default);
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || 'default export'}: ${i.message}`),
      );
      continue;
    }
    if (parsed.data.id !== basename(file, '.ts'))
      problems.push(`${file}: id "${parsed.data.id}" must equal the file's name`);
    checks.push(mod.default as Check);
  }
  if (problems.length) throw errors.invalidInput(`The checks in ${dir}`, problems, HINT);
  return orderChecks(checks);
}

/** Checks in the order they report (by `order`, then id), each id once. */
export function orderChecks(checks: Check[]): Check[] {
  const ids = checks.map((c) => c.id);
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (twice.length)
    throw errors.invalidInput(
      'The list of checks',
      twice.map((id) => `"${id}" is in it twice`),
      'Give each check once: a check from checks/ is already registered.',
    );
  return [...checks].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** A check's result as the contract says it is, every finding of a kind the check declares. */
export function validateResult(check: Check, result: unknown): CheckResult {
  const parsed = resultSchema.safeParse(result);
  const problems = parsed.success
    ? parsed.data.findings
        .map((f, i) => (f.id in check.kinds ? null : `findings.${i}.id: "${f.id}" is not one of its kinds`))
        .filter((p): p is string => p !== null)
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'result'}: ${i.message}`);
  if (problems.length) throw errors.invalidInput(`The result of check "${check.id}"`, problems, HINT);
  return result as CheckResult;
}
