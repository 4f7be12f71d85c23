import type { z } from 'zod';
import type { DeployManifest } from './manifest.ts';

/**
 * One interface for every place a site can go live. A driver uploads a built
 * directory as a new, immutable deploy and (unless it is a draft) makes it live
 * in one atomic step; it can make any deploy it still holds live again
 * (rollback), and say which deploy is live. The same contract suite
 * (tests/generator/deploy/driver-contract.ts) runs against every driver.
 *
 * Guarantee every driver keeps: when `deploy` fails or its process dies at any
 * point, the deploy that was live stays live, whole.
 *
 * A target is one record (`DeployTarget`, one file under drivers/): its name,
 * the environment variables it reads, the shape of what it remembers about a
 * founder's site, and how to make its driver. The registry (targets.ts) lists
 * them; the CLI's choices, the configuration and the stored state follow.
 */

/** Where one founder's site lives on a target. */
export interface SiteRef<Remote = unknown> {
  slug: string;
  /**
   * The target's own record of the site, once it has one (Netlify: the site's id and name, created on the
   * first publish). Stored as `generated_websites.deploy_remote -> <target name>`.
   */
  remote: Remote | null;
}

export interface DeployRequest<Remote = unknown> {
  site: SiteRef<Remote>;
  dir: string;
  manifest: DeployManifest;
  /** False: a draft, with its own preview URL, that changes nothing for visitors. */
  live: boolean;
  message: string;
  onProgress?: (event: DeployProgress) => void | Promise<void>;
}

export type DeployProgress =
  | { phase: 'upload'; done: number; total: number }
  | { phase: 'staged'; deployId: string }
  | { phase: 'switched'; deployId: string };

export interface DeployResult {
  deployId: string;
  /** Where visitors see it (the site URL), or the draft's preview URL. */
  url: string;
  /** The deploy's own permanent address. */
  previewUrl: string;
  /** Files actually transferred (unchanged ones are reused); null when the target does not say. */
  uploadedFiles: number | null;
}

export interface DeployInfo {
  deployId: string;
  createdAt: string | null;
  live: boolean;
}

export interface DeployDriver<Remote = unknown> {
  readonly name: string;
  /** Fails fast, with what to do, when the target is not usable (e.g. no Netlify token). */
  preflight(): void;
  /** Creates the target's site if it does not exist yet; returns the reference to store. */
  prepare(site: SiteRef<Remote>): Promise<SiteRef<Remote>>;
  /** The target's name for a prepared site, recorded with each deploy (`website_deployments.site_id`). */
  siteId(site: SiteRef<Remote>): string;
  /** The id `deploy` will give these files, when the target decides it up front (content-addressed). */
  plannedDeployId?(manifest: DeployManifest): string;
  /** Publish: uploads a build as a new deploy and makes it live atomically (or, not `live`, a draft). */
  deploy(request: DeployRequest<Remote>): Promise<DeployResult>;
  /** Rollback: makes an earlier deploy live again, atomically, with no upload. */
  rollback(site: SiteRef<Remote>, deployId: string): Promise<{ url: string }>;
  /** The deploy visitors get now, or null when nothing is live (or the site does not exist there yet). */
  liveDeploy(site: SiteRef<Remote>): Promise<string | null>;
  /** Deploys the target still holds, newest first. */
  listDeploys(site: SiteRef<Remote>): Promise<DeployInfo[]>;
  /** A target that drops old deploys: the ids it still holds. Absent: it keeps every deploy. */
  keptDeploys?(site: SiteRef<Remote>): Promise<Set<string>>;
  /** A target served from a folder on this machine: the folder visitors get now, or null (`preview --live`). */
  liveDirectory?(site: SiteRef<Remote>): string | null;
}

/** What a target's driver is made with, besides its own settings. */
export interface DeployContext {
  /** The state folder (`.dreamseed/`, or DREAMSEED_HOME). */
  stateDir: string;
}

/** A target name: what `--target`, DREAMSEED_DEPLOY_TARGET and `website_deployments.target` hold. */
export const TARGET_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export interface DeployTarget<
  Name extends string = string,
  Env extends z.ZodObject = z.ZodObject,
  Remote = unknown,
> {
  readonly name: Name;
  /** One line: where it puts a site and what it needs. */
  readonly description: string;
  /** The environment variables it reads, with their defaults: loadConfig validates them with the rest. */
  readonly env: Env;
  /** What it remembers about a founder's site (`SiteRef.remote`), checked whenever it is read back. */
  readonly remote: z.ZodType<Remote>;
  create(settings: z.output<Env>, context: DeployContext): DeployDriver<Remote>;
}

export function defineDeployTarget<const Name extends string, Env extends z.ZodObject, Remote>(
  target: DeployTarget<Name, Env, Remote>,
): DeployTarget<Name, Env, Remote> {
  return target;
}
