// SW-IMG-010: sudo is installed, a setuid-root way up from the container's user, found among the OS packages the
// inventory lists (dpkg, apk and rpm databases). Docker's best practices: https://docs.docker.com/build/building/best-practices/#user

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { isOsPackageType } from '../../model/package.js';
import type { CheckContext } from './context.js';

export const SUDO_INSTALLED: Rule = {
  id: 'SW-IMG-010',
  kind: 'image',
  severity: 'low',
  title: 'sudo is installed in the image',
  remediation:
    'Remove the sudo package: do the privileged work at build time as root, then switch USER; if a process must drop privileges at run time, use gosu or su-exec.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#user',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { dockle: ['DKL-DI-0001'] },
};

/** Debian and Ubuntu also ship sudo built with LDAP support, and the Rust rewrite, under these names. */
const SUDO_PACKAGES = new Set(['sudo', 'sudo-ldap', 'sudo-rs']);
const SUDO_BINARY = 'usr/bin/sudo';

export function sudoFindings(ctx: CheckContext): Finding[] {
  return ctx.inventory.packages
    .filter((p) => isOsPackageType(p.type) && SUDO_PACKAGES.has(p.name))
    .map((p) => {
      const location: { path: string; layer?: number } = {
        path: p.files.includes(SUDO_BINARY) ? SUDO_BINARY : p.location,
      };
      if (p.layer !== undefined) location.layer = p.layer;
      return findingOf(SUDO_INSTALLED, location, {
        title: `sudo is installed (${p.type} package ${p.name} ${p.version})`,
        evidence: p.purl,
      });
    });
}
