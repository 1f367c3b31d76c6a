// The image filesystem checks (SW-IMG-020 to SW-IMG-059): findings from an inventory and the 'hardening'
// analyzer's evidence, so a cached scan can be checked again without reading the image.

import type { HardeningEvidence } from '../../analyze/hardening/evidence.js';
import type { Finding } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { compareFindingsOfChecks } from '../order.js';
import { emptyPasswordFindings, duplicateIdFindings } from './accounts.js';
import { attackSurfaceFindings, sshServerFindings } from './attack-surface.js';
import { credentialFindings } from './credentials.js';
import { packageCacheFindings } from './package-caches.js';
import { setuidFindings, worldWritableFindings } from './permissions.js';
import { unusedRuntimeFindings } from './runtimes.js';

export { FILESYSTEM_RULES } from './rules.js';
export { entrypointUse, type EntrypointUse } from './entrypoint.js';

/** Every filesystem finding, in the one order of check findings. */
export function filesystemFindings(inventory: Inventory, evidence: HardeningEvidence): Finding[] {
  return [
    ...setuidFindings(evidence),
    ...worldWritableFindings(evidence),
    ...sshServerFindings(inventory, evidence),
    ...attackSurfaceFindings(evidence),
    ...unusedRuntimeFindings(inventory, evidence),
    ...credentialFindings(evidence),
    ...emptyPasswordFindings(evidence),
    ...duplicateIdFindings(evidence),
    ...packageCacheFindings(evidence),
  ].sort(compareFindingsOfChecks);
}
