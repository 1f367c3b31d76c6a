// SW-CFG-011: no seccomp filter: explicitly `unconfined`, or left out where the runtime then loads none (Kubernetes,
// OCI, LXC; see defaults.ts). CIS Docker Benchmark v1.6.0 5.22; Pod Security Standards "Seccomp".

import { addBelowContainer, unconfinedProfileFix } from './patch.js';
import { dockerAdvice, hit, type Control } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';

/** The way a value says "no profile": Docker's `unconfined`, Kubernetes' `Unconfined` type. */
export function isUnconfined(profile: string): boolean {
  return profile.trim().toLowerCase() === 'unconfined';
}

/** Annotations of Kubernetes before 1.19, still honoured by older clusters. */
const ANNOTATION = /^(?:container\.)?seccomp\.security\.alpha\.kubernetes\.io\//;

const fixUnconfined = unconfinedProfileFix(ANNOTATION, 'seccompProfile');

export const SECCOMP_UNCONFINED: Control = {
  rule: {
    id: 'SW-CFG-011',
    kind: 'config',
    severity: 'medium',
    title: 'No seccomp profile',
    remediation:
      "Run the container under the runtime's default seccomp profile (or a tighter one of your own); do not disable it.",
    references: [
      'https://docs.docker.com/engine/security/seccomp/',
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
    ],
    frameworks: {
      'cis-docker': ['5.22'],
      pss: ['baseline:seccompProfile', 'restricted:seccompProfile'],
    },
  },
  advice: {
    ...dockerAdvice('Run the container without --security-opt seccomp=unconfined.'),
    compose: "Remove `seccomp:unconfined` from the service's `security_opt`.",
    kubernetes:
      'Set `securityContext.seccompProfile.type: RuntimeDefault` (on the pod or the container).',
    'oci-runtime': "Add a `linux.seccomp` filter (the runtime's default profile is a good start).",
    lxc: 'Set `lxc.seccomp.profile` (LXC ships a default profile, common.seccomp).',
  },
  check(spec) {
    if (spec.seccomp) {
      if (!isUnconfined(spec.seccomp.value)) return [];
      return [
        hit(spec.seccomp.at, 'Runs without seccomp (unconfined)', {
          evidence: spec.seccomp.value,
          patch: fixUnconfined(spec, spec.seccomp.at),
        }),
      ];
    }
    // A privileged container runs unconfined whatever its profile says: SW-CFG-001 already says so, and setting a
    // profile would not fix it.
    if (!RUNTIME_DEFAULTS[spec.input].seccompUnconfined || spec.privileged?.value === true)
      return [];
    return [
      hit(spec.container.at, 'Runs without seccomp (no profile set)', {
        evidence: 'seccomp profile not set',
        patch:
          spec.input === 'kubernetes'
            ? addBelowContainer(spec, ['securityContext', 'seccompProfile'], {
                type: 'RuntimeDefault',
              })
            : undefined,
      }),
    ];
  },
};
