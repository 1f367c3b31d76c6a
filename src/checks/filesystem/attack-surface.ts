// The attack-surface inventory: the shells, package managers, compilers, debuggers and network tools an intruder
// would find, one finding per category present, and SSH servers (installed programs or their OS packages).

import type {
  HardeningEvidence,
  LocatedPath,
  SurfaceCategory,
} from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding, type FindingLocation, type Rule } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { isOsPackageType } from '../../model/package.js';
import { locationOf, pathSample } from './format.js';
import {
  COMPILERS,
  DEBUGGERS,
  NETWORK_TOOLS,
  PACKAGE_MANAGERS,
  SHELLS,
  SSH_SERVER,
} from './rules.js';

const BY_CATEGORY: Readonly<Record<SurfaceCategory, { rule: Rule; noun: string }>> = {
  shell: { rule: SHELLS, noun: 'Shells' },
  'package-manager': { rule: PACKAGE_MANAGERS, noun: 'Package managers' },
  compiler: { rule: COMPILERS, noun: 'Compilers' },
  debugger: { rule: DEBUGGERS, noun: 'Debuggers and tracers' },
  'network-tool': { rule: NETWORK_TOOLS, noun: 'Network tools' },
};

/** The OS packages of SSH servers (Debian, Alpine and RPM names). */
const SSH_PACKAGES = new Set([
  'openssh-server',
  'openssh-server-pam',
  'dropbear',
  'dropbear-bin',
  'dropbear-run',
  'tinysshd',
]);

export function attackSurfaceFindings(evidence: HardeningEvidence): Finding[] {
  return evidence.attackSurface.map((found) => {
    const { rule, noun } = BY_CATEGORY[found.category];
    const first = found.paths.items[0]!;
    return findingOf(rule, locationOf(first), {
      title: `${noun} present (${found.count}): ${found.names.join(', ')}`,
      evidence: `${found.count} ${found.count === 1 ? 'name' : 'names'} at ${pathSample(found.paths)}`,
    });
  });
}

/** One finding per sshd or dropbear program; an SSH server package without one still counts, at its database. */
export function sshServerFindings(inventory: Inventory, evidence: HardeningEvidence): Finding[] {
  const packages = inventory.packages.filter(
    (p) => isOsPackageType(p.type) && SSH_PACKAGES.has(p.name),
  );
  const findings: Finding[] = [];
  const owners = new Set<string>();
  for (const server of evidence.sshServers) {
    const owner = packages.find((p) => p.files.includes(server.path));
    if (owner) owners.add(owner.purl);
    findings.push(
      findingOf(SSH_SERVER, locationOf(server), {
        title: `SSH server installed: ${server.path}`,
        evidence: owner ? `installed by ${owner.name} ${owner.version}` : programEvidence(server),
      }),
    );
  }
  for (const p of packages) {
    if (owners.has(p.purl)) continue;
    const location: FindingLocation = { path: p.location };
    if (p.layer !== undefined) location.layer = p.layer;
    findings.push(
      findingOf(SSH_SERVER, location, {
        title: `SSH server package installed: ${p.name}`,
        evidence: `${p.name} ${p.version} (${p.type}); no sshd or dropbear program found in the bin directories`,
      }),
    );
  }
  return findings;
}

function programEvidence(server: LocatedPath): string {
  return `${server.path}: an executable no OS package lists`;
}
