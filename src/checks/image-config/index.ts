// The image configuration and history checks (SW-IMG-001 ... SW-IMG-010; ids up to SW-IMG-019 are this module's):
// the target's OCI image configuration, its history and its OS packages -> Findings, in the one check order.

import type { Finding, Rule } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { compareFindingsOfChecks } from '../order.js';
import { ADD_REMOTE_URL, addRemoteFindings } from './add-remote.js';
import { checkContext, type SecretScan } from './context.js';
import { ENV_SECRET, envSecretFindings, envSecrets } from './env-secrets.js';
import { NO_HEALTHCHECK, healthcheckFindings } from './healthcheck.js';
import { HISTORY_SECRET, historySecretFindings } from './history-secrets.js';
import {
  BASE_LATEST,
  IMAGE_LATEST,
  baseLatestFindings,
  imageLatestFindings,
} from './latest-tag.js';
import { ROOT_USER, rootUserFindings } from './root-user.js';
import { SSH_PORT, sshPortFindings } from './ssh-port.js';
import { SUDO_INSTALLED, sudoFindings } from './sudo.js';
import { UPDATE_ALONE, updateAloneFindings } from './update-alone.js';

export type { SecretScan } from './context.js';

/** Every rule of these checks, by id. */
export const IMAGE_CONFIG_RULES: readonly Rule[] = [
  ROOT_USER,
  SSH_PORT,
  ENV_SECRET,
  HISTORY_SECRET,
  NO_HEALTHCHECK,
  BASE_LATEST,
  IMAGE_LATEST,
  ADD_REMOTE_URL,
  UPDATE_ALONE,
  SUDO_INSTALLED,
];

/**
 * The findings of the image configuration and history checks. `secretScan` (the secret engine) also finds secrets
 * under innocent names in config.Env and in history steps; without it, secrets are found by variable name alone.
 * An inventory without an image configuration (a root filesystem, an SBOM) gets only the package-based checks.
 */
export function imageConfigFindings(inventory: Inventory, secretScan?: SecretScan): Finding[] {
  const ctx = checkContext(inventory, secretScan);
  const secrets = envSecrets(ctx);
  return [
    ...rootUserFindings(ctx),
    ...sshPortFindings(ctx),
    ...envSecretFindings(ctx, secrets),
    ...historySecretFindings(ctx, new Set(secrets.map((s) => s.value))),
    ...healthcheckFindings(ctx),
    ...baseLatestFindings(ctx),
    ...imageLatestFindings(ctx),
    ...addRemoteFindings(ctx),
    ...updateAloneFindings(ctx),
    ...sudoFindings(ctx),
  ].sort(compareFindingsOfChecks);
}
