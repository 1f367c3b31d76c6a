// PSS baseline "AppArmor": the runtime's default profile must not be disabled; only other confined profiles may
// replace it. Restricted fields: spec.securityContext.appArmorProfile.type, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.appArmorProfile.type (allowed: undefined/nil, RuntimeDefault, Localhost);
// metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"] (allowed: undefined, "", runtime/default,
// localhost/*). The annotation is deprecated since 1.30 but still honoured, so the admission still checks it.

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { Finding } from '../../model/finding.js';
import {
  containersPhrase,
  pssFinding,
  securityField,
  setField,
  type PssCheck,
  type PssPod,
} from './context.js';
import { profileTypeFinding } from './profile-type.js';
import { APPARMOR } from './rules.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** A written appArmorProfile whose type is not allowed. */
function badProfile(
  pod: PssPod,
  profile: ManifestNode,
  who: string,
  containers: string[],
): Finding | undefined {
  return profileTypeFinding(APPARMOR, pod, profile, who, containers, {
    field: 'appArmorProfile',
    fieldTitle: 'AppArmor profile type',
  });
}

export const appArmorCheck: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  findings(pod) {
    const findings: (Finding | undefined)[] = [
      badProfile(pod, pod.spec.at('securityContext', 'appArmorProfile'), 'pod', []),
      ...pod.containers.map((c) =>
        badProfile(pod, securityField(c, 'appArmorProfile'), containersPhrase([c.name]), [c.name]),
      ),
    ];
    for (const [key, annotation] of pod.metadata.get('annotations').entries()) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = annotation.text() ?? '';
      if (allowedAnnotation(value)) continue;
      const container = key.slice(ANNOTATION_PREFIX.length);
      findings.push(
        pssFinding(APPARMOR, pod, annotation, {
          title: `annotation ${key} must not set AppArmor profile ${JSON.stringify(value)}`,
          containers: [container],
          evidence: `${key}: ${value}`,
          patch: setField(annotation, 'runtime/default'),
        }),
      );
    }
    return findings.filter((f): f is Finding => f !== undefined);
  },
};
