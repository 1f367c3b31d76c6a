// The Pod Security Standards (SW-CFG-100 ... SW-CFG-149) as the built-in admission controller enforces them at
// `latest` on Kubernetes 1.36 (policy v1.35): https://kubernetes.io/docs/concepts/security/pod-security-standards/

import type { PodRef } from '../../config/reader.js';
import type { Finding, Rule } from '../../model/finding.js';
import { compareFindingsOfChecks } from '../order.js';
import { appArmorCheck } from './app-armor.js';
import { capabilitiesBaselineCheck } from './capabilities-baseline.js';
import { capabilitiesRestrictedCheck } from './capabilities-restricted.js';
import { pssPod, type PssCheck, type PssLevel } from './context.js';
import { hostNamespacesCheck } from './host-namespaces.js';
import { hostPathVolumesCheck } from './host-path-volumes.js';
import { hostPortsCheck } from './host-ports.js';
import { hostProbesCheck } from './host-probes.js';
import { hostProcessCheck } from './host-process.js';
import { privilegeEscalationCheck } from './privilege-escalation.js';
import { privilegedCheck } from './privileged.js';
import { procMountBaselineCheck, procMountRestrictedCheck } from './proc-mount.js';
import { restrictedVolumesCheck } from './restricted-volumes.js';
import * as rules from './rules.js';
import { runAsNonRootCheck } from './run-as-non-root.js';
import { runAsUserCheck } from './run-as-user.js';
import { seccompBaselineCheck } from './seccomp-baseline.js';
import { seccompRestrictedCheck } from './seccomp-restricted.js';
import { seLinuxCheck } from './se-linux.js';
import { sysctlsCheck } from './sysctls.js';

export type { PssLevel } from './context.js';

/** Every control, baseline first; a restricted control's `overrides` name the baseline controls it replaces. */
export const PSS_CHECKS: readonly PssCheck[] = [
  hostProcessCheck,
  hostNamespacesCheck,
  privilegedCheck,
  capabilitiesBaselineCheck,
  hostPathVolumesCheck,
  hostPortsCheck,
  appArmorCheck,
  seLinuxCheck,
  procMountBaselineCheck,
  seccompBaselineCheck,
  sysctlsCheck,
  hostProbesCheck,
  restrictedVolumesCheck,
  privilegeEscalationCheck,
  runAsNonRootCheck,
  runAsUserCheck,
  seccompRestrictedCheck,
  capabilitiesRestrictedCheck,
  procMountRestrictedCheck,
];

/** Every rule of these checks, sorted by id. */
export const PSS_RULES: readonly Rule[] = Object.values(rules).sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);

/**
 * The controls evaluated at a level: baseline's, or, for restricted, baseline's but those a restricted control
 * overrides (it enforces the same fields more strictly, and owns the Windows and user-namespace exemptions).
 */
export function pssChecksFor(level: PssLevel): PssCheck[] {
  const baseline = PSS_CHECKS.filter((c) => c.level === 'baseline');
  if (level === 'baseline') return baseline;
  const restricted = PSS_CHECKS.filter((c) => c.level === 'restricted');
  const overridden = new Set(restricted.flatMap((c) => c.overrides ?? []));
  return [...baseline.filter((c) => !overridden.has(c.id)), ...restricted];
}

/**
 * The Pod Security Standards findings of these pods at `level` (restricted includes baseline). A pod the admission
 * controller admits at that level gets none; one it rejects gets at least one, at the field to change. Findings are
 * in the one check order. A field of the wrong type is an InputError naming its line.
 */
export function podSecurityFindings(pods: readonly PodRef[], level: PssLevel): Finding[] {
  const checks = pssChecksFor(level);
  return pods
    .flatMap((ref) => {
      const pod = pssPod(ref);
      return checks.flatMap((check) => check.findings(pod));
    })
    .sort(compareFindingsOfChecks);
}
