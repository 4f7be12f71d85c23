import { z } from 'zod';
import type { Config } from '../config.ts';
import { formatIssues } from '../dna/bundle-file.ts';
import { errors } from '../errors.ts';
import { type DeployDriver, type DeployTarget, type SiteRef, TARGET_NAME } from './driver.ts';
import { localTarget } from './drivers/local.ts';
import { netlifyTarget } from './drivers/netlify.ts';

/**
 * The deploy targets, listed once. Everything that depends on which targets
 * exist is derived from this list: `TargetName`, the choices of `publish
 * --target` and `rollback --target`, the environment variables loadConfig
 * validates (each target's `env` schema), and what is kept about a founder's
 * site on each target (`generated_websites.deploy_remote -> <name>`, read back
 * through the target's `remote` schema). The database holds any target name.
 *
 * A new target is one file under drivers/ and a line here, plus its harness in
 * tests/generator/deploy/contract.test.ts (typed by `TargetName`, so a target
 * without one does not compile). `registerDeployTarget` adds one at run time,
 * before the configuration is loaded.
 */
const BUILT_IN = [localTarget, netlifyTarget] as const;

/** The targets this project ships. */
export type TargetName = (typeof BUILT_IN)[number]['name'];
// biome-ignore lint/suspicious/noExplicitAny: a registry holds targets whose remembered state differs.
export type AnyDeployTarget = DeployTarget<string, z.ZodObject, any>;

const registry = new Map<string, AnyDeployTarget>(BUILT_IN.map((target) => [target.name, target]));

/** Adds a target (a plugin, a test). Call it before loadConfig, which validates the target's variables. */
export function registerDeployTarget(target: AnyDeployTarget): void {
  if (!TARGET_NAME.test(target.name)) {
    throw new Error(
      `Deploy target name ${JSON.stringify(target.name)}: use lower-case letters, digits and hyphens, starting with a letter, at most 32.`,
    );
  }
  if (registry.has(target.name))
    throw new Error(`A deploy target named ${target.name} is registered already.`);
  registry.set(target.name, target);
}

export function deployTargets(): AnyDeployTarget[] {
  return [...registry.values()];
}

export function targetNames(): string[] {
  return [...registry.keys()];
}

export function isTargetName(name: string): boolean {
  return registry.has(name);
}

export function deployTarget(name: string): AnyDeployTarget {
  const target = registry.get(name);
  if (!target) throw errors.usage(`${name} is not a deploy target.`, `Use ${targetNames().join(' or ')}.`);
  return target;
}

/** The deploy part of the configuration (`Config['deploy']`). */
export interface DeployConfig {
  /** Where `dreamseed publish` deploys when `--target` is not given: DREAMSEED_DEPLOY_TARGET, default local. */
  target: string;
  /** Each registered target's settings, as its `env` schema read them. */
  settings: Record<string, unknown>;
}

/** Reads the deploy configuration; the issues (`VARIABLE: what is wrong`) are for loadConfig to report with its own. */
export function readDeployConfig(env: NodeJS.ProcessEnv): { deploy: DeployConfig; issues: string[] } {
  const issues = new Set<string>();
  const chosen = z.object({ DREAMSEED_DEPLOY_TARGET: z.enum(targetNames()).default('local') }).safeParse(env);
  if (!chosen.success) for (const issue of formatIssues(chosen.error)) issues.add(issue);
  const settings: Record<string, unknown> = {};
  for (const target of registry.values()) {
    const parsed = target.env.safeParse(env);
    if (parsed.success) settings[target.name] = parsed.data;
    else for (const issue of formatIssues(parsed.error)) issues.add(issue);
  }
  return {
    deploy: { target: chosen.data?.DREAMSEED_DEPLOY_TARGET ?? 'local', settings },
    issues: [...issues],
  };
}

/** The driver for a target, made with its settings from the configuration. */
export function driverFor(name: string, config: Pick<Config, 'deploy' | 'stateDir'>): DeployDriver {
  const target = deployTarget(name);
  if (!(name in config.deploy.settings)) {
    throw new Error(`The deploy target ${name} was registered after the configuration was loaded.`);
  }
  return target.create(config.deploy.settings[name] as z.output<z.ZodObject>, { stateDir: config.stateDir });
}

/**
 * A founder's site on a target: the slug, and what the target remembers about
 * it (checked against the target's schema: a stored value it cannot read is
 * named, not ignored, so a publish never quietly creates a second site).
 */
export function siteOn(
  name: string,
  website: { slug: string; deployRemote: Record<string, unknown> },
): SiteRef {
  const stored = website.deployRemote[name];
  if (stored === undefined || stored === null) return { slug: website.slug, remote: null };
  const parsed = deployTarget(name).remote.safeParse(stored);
  if (!parsed.success) {
    throw errors.invalidInput(
      `What the ${name} target remembers about ${website.slug} (generated_websites.deploy_remote.${name})`,
      formatIssues(parsed.error),
      `Correct it, or remove the "${name}" key to let the next publish set the site up again.`,
    );
  }
  return { slug: website.slug, remote: parsed.data };
}
