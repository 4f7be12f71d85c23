import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { AuthRuntime, Caller } from './auth/authenticate.ts';

/** What every request's context carries (`c.get(...)`): set by the app, and the caller once authenticated. */
export interface AppVariables {
  auth: AuthRuntime;
  db: Database;
  config: Config;
  caller: Caller;
}

export type AppEnv = { Variables: AppVariables };
