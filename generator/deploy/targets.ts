import type { Config } from '../config.ts';
import type { DeployDriver, TargetName } from './driver.ts';
import { createLocalDriver } from './local-driver.ts';
import { createNetlifyDriver } from './netlify-driver.ts';

/** The deploy driver for a target name, configured from the environment (generator/config.ts). */
export const TARGETS: readonly TargetName[] = ['local', 'netlify'];

export function driverFor(target: TargetName, config: Config): DeployDriver {
  switch (target) {
    case 'local':
      return createLocalDriver({ root: config.deploy.liveDir, keep: config.deploy.keep });
    case 'netlify':
      return createNetlifyDriver({
        token: config.deploy.netlifyToken,
        apiUrl: config.deploy.netlifyApiUrl,
        stateDir: config.stateDir,
      });
  }
}
