import type { DeployManifest } from './manifest.ts';

/**
 * One interface for every place a site can go live. A driver uploads a built
 * directory as a new, immutable deploy and (unless it is a draft) makes it live
 * in one atomic step; it can make any deploy it still holds live again
 * (rollback), and say which deploy is live. The same contract suite
 * (tests/generator/deploy/contract.test.ts) runs against every driver.
 *
 * Guarantee every driver keeps: when `deploy` fails or its process dies at any
 * point, the deploy that was live stays live, whole.
 */
export type TargetName = 'local' | 'netlify';

/** Where one founder's site lives on a target. */
export interface SiteRef {
  slug: string;
  /** The target's own site identity, once it exists (Netlify: created on the first publish). */
  remote: { id: string; name: string } | null;
}

export interface DeployRequest {
  site: SiteRef;
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

export interface DeployDriver {
  readonly name: TargetName;
  /** Fails fast, with what to do, when the target is not usable (e.g. no Netlify token). */
  preflight(): void;
  /** Creates the target's site if it does not exist yet; returns the reference to store. */
  prepare(site: SiteRef): Promise<SiteRef>;
  /** The id `deploy` will give these files, when the target decides it up front (content-addressed). */
  plannedDeployId?(manifest: DeployManifest): string;
  deploy(request: DeployRequest): Promise<DeployResult>;
  /** Makes an earlier deploy live again, atomically. */
  activate(site: SiteRef, deployId: string): Promise<{ url: string }>;
  /** The deploy visitors get now, or null when nothing is live. */
  liveDeploy(site: SiteRef): Promise<string | null>;
  /** Deploys the target still holds, newest first. */
  listDeploys(site: SiteRef): Promise<DeployInfo[]>;
}

export function defineDeployDriver<T extends DeployDriver>(driver: T): T {
  return driver;
}
