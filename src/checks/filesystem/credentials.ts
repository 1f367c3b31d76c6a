// Checks for credential files in any layer (Dockle CIS-DI-0010 "Do not store secret files"): SSH private keys, cloud,
// registry and package-index credentials. A copy a later layer deleted is still in the image's layer blob.

import type { HardeningEvidence } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding } from '../../model/finding.js';
import { locationOf, notListed } from './format.js';
import { CREDENTIAL_FILE } from './rules.js';

export function credentialFindings(evidence: HardeningEvidence): Finding[] {
  const findings = evidence.credentials.items.map((found) =>
    findingOf(CREDENTIAL_FILE, locationOf(found), {
      title: found.removedLater
        ? `Credential file in layer ${found.layer}, deleted or replaced later but still in that layer: ${found.path}`
        : `Credential file: ${found.path}`,
      evidence: found.reason,
    }),
  );
  return [...findings, ...notListed(CREDENTIAL_FILE, evidence.credentials, 'credential files')];
}
