// SW-CFG-012: no AppArmor profile: explicitly `unconfined`, or left out where the runtime then loads none (OCI), unless
// an SELinux label shows the host confines containers with SELinux instead. CIS Docker Benchmark v1.6.0 5.2; PSS "AppArmor".

import { dockerAdvice, hit, type Control } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';
import { unconfinedProfileFix } from './patch.js';
import { isUnconfined } from './seccomp.js';

const ANNOTATION = /^container\.apparmor\.security\.beta\.kubernetes\.io\//;

const fixUnconfined = unconfinedProfileFix(ANNOTATION, 'appArmorProfile');

export const APPARMOR_UNCONFINED: Control = {
  rule: {
    id: 'SW-CFG-012',
    kind: 'config',
    severity: 'medium',
    title: 'No AppArmor profile',
    remediation:
      "On AppArmor hosts, run the container under the runtime's default AppArmor profile (or a tighter one); do not set it unconfined.",
    references: [
      'https://docs.docker.com/engine/security/apparmor/',
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
    ],
    frameworks: { 'cis-docker': ['5.2'], pss: ['baseline:appArmorProfile'] },
  },
  advice: {
    ...dockerAdvice('Run the container without --security-opt apparmor=unconfined.'),
    compose: "Remove `apparmor:unconfined` from the service's `security_opt`.",
    kubernetes:
      'Set `securityContext.appArmorProfile.type: RuntimeDefault` (or remove the unconfined annotation).',
    'oci-runtime': 'Set `process.apparmorProfile` to a loaded profile.',
    lxc: 'Remove `lxc.apparmor.profile = unconfined` (LXC then generates a profile).',
  },
  check(spec) {
    if (spec.apparmor) {
      if (!isUnconfined(spec.apparmor.value)) return [];
      return [
        hit(spec.apparmor.at, 'Runs without AppArmor (unconfined)', {
          evidence: spec.apparmor.value,
          patch: fixUnconfined(spec, spec.apparmor.at),
        }),
      ];
    }
    // "If applicable": a spec that sets an SELinux label is written for an SELinux host, where AppArmor is absent.
    if (!RUNTIME_DEFAULTS[spec.input].apparmorUnconfined || spec.selinux) return [];
    if (spec.privileged?.value === true) return [];
    return [
      hit(spec.container.at, 'Runs without AppArmor (no profile set)', {
        evidence: 'AppArmor profile not set',
      }),
    ];
  },
};
