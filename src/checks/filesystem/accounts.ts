// Checks of the account databases: passwordless accounts (Dockle DKL-LI-0001) and shared ids (DKL-LI-0002).
// Formats: shadow(5), passwd(5), group(5) at https://man7.org/linux/man-pages/man5/

import type { HardeningEvidence } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding } from '../../model/finding.js';
import { locationOf } from './format.js';
import { DUPLICATE_GID, DUPLICATE_UID, EMPTY_PASSWORD } from './rules.js';

export function emptyPasswordFindings(evidence: HardeningEvidence): Finding[] {
  return evidence.emptyPasswords.map((found) =>
    findingOf(EMPTY_PASSWORD, locationOf(found), {
      title: `Account '${found.user}' has an empty password in ${found.path}`,
      evidence: `${found.user}: empty password field (anyone may log in as ${found.user} without a password)`,
    }),
  );
}

export function duplicateIdFindings(evidence: HardeningEvidence): Finding[] {
  return evidence.duplicateIds.map((found) => {
    const rule = found.kind === 'uid' ? DUPLICATE_UID : DUPLICATE_GID;
    const what = found.kind === 'uid' ? 'UID' : 'GID';
    return findingOf(rule, locationOf(found), {
      title: `${what} ${found.id} shared by ${found.names.join(', ')}`,
      evidence: `${found.path}: ${found.names.map((n) => `${n}:${found.id}`).join(', ')}`,
    });
  });
}
