// What every part of the running server shares: the fleet store, the vulnerability database packages are matched
// against, and the server's settings. Routes and jobs take it as their first argument.

import type { VulnDatabase } from '../vulndb/database.js';
import type { FleetStore } from './store/types.js';

export interface ServerContext {
  store: FleetStore;
  /** The vulnerability database in use now (it is reopened when its file is replaced). */
  vulnDb(): VulnDatabase;
  /** Registries images may come from (`GET /v1/reports/registries` without `allow`); empty: no list. */
  registryAllow: string[];
  /** Where alerts are POSTed as JSON, when set. */
  webhookUrl?: string;
  /** The clock, so tests can pin it. */
  now(): Date;
}
