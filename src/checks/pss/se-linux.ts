// PSS baseline "SELinux": setting a custom SELinux user or role, or a type other than the container types, must be
// forbidden. Restricted fields: spec.securityContext.seLinuxOptions.{type,user,role},
// spec.{containers,initContainers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}.
// Allowed values: type undefined/"", container_t, container_init_t, container_kvm_t, container_engine_t (v1.31+);
// user and role undefined/"".

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { Finding } from '../../model/finding.js';
import {
  containersPhrase,
  pssFinding,
  removeField,
  securityField,
  type PssCheck,
  type PssPod,
} from './context.js';
import { SELINUX } from './rules.js';

const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

function badOptions(
  pod: PssPod,
  options: ManifestNode,
  who: string,
  containers: string[],
): Finding | undefined {
  if (options.record() === undefined) return undefined;
  const bad: { field: ManifestNode; problem: string }[] = [];
  const type = options.get('type');
  if (!ALLOWED_TYPES.has(type.string() ?? ''))
    bad.push({ field: type, problem: `type ${JSON.stringify(type.value)}` });
  for (const key of ['user', 'role']) {
    const field = options.get(key);
    if ((field.string() ?? '') !== '') bad.push({ field, problem: `${key} may not be set` });
  }
  if (bad.length === 0) return undefined;
  return pssFinding(SELINUX, pod, bad[0]!.field, {
    title: `${who} sets forbidden securityContext.seLinuxOptions: ${bad.map((b) => b.problem).join('; ')}`,
    containers,
    evidence: bad
      .map((b) => `${String(b.field.path[b.field.path.length - 1])}: ${String(b.field.value)}`)
      .join(', '),
    patch: bad.flatMap((b) => removeField(b.field)),
  });
}

export const seLinuxCheck: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  findings(pod) {
    return [
      badOptions(pod, pod.spec.at('securityContext', 'seLinuxOptions'), 'pod', []),
      ...pod.containers.map((c) =>
        badOptions(pod, securityField(c, 'seLinuxOptions'), containersPhrase([c.name]), [c.name]),
      ),
    ].filter((f): f is Finding => f !== undefined);
  },
};
