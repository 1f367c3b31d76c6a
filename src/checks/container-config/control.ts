// What every container configuration control is: a rule (the data), remediation in each input's own terms, and a
// check over one normalised ContainerSpec (src/config/container-spec.ts) that says where it fails.

import type { ContainerSpec, InputKind, Origin } from '../../config/container-spec.js';
import type { Rule } from '../../model/finding.js';
import type { JsonPatch } from './patch.js';

/** One place a container fails a control. */
export interface Hit {
  /** The field at fault, or the container's declaration when the field is missing. */
  at: Origin;
  /** What is wrong, the start of the finding's title ("Runs privileged"). */
  problem: string;
  /** What was seen, where the value says more than the location ("SYS_ADMIN, cap_net_admin", "/etc -> /host-etc"). */
  evidence?: string;
  /** When one field fixes it. */
  patch?: JsonPatch;
}

export interface Control {
  rule: Rule;
  /** Remediation in the input's own terms, where it reads better than the rule's. */
  advice?: Partial<Record<InputKind, string>>;
  check(spec: ContainerSpec): Hit[];
}

/** Remediation for `docker run` users, shared by the inputs that `docker inspect`/`podman inspect` describe. */
export function dockerAdvice(text: string): Partial<Record<InputKind, string>> {
  return { 'docker-inspect': text, 'podman-inspect': text.replace(/\bdocker\b/g, 'podman') };
}

/** A Hit, leaving out the details that are undefined. */
export function hit(
  at: Origin,
  problem: string,
  details: { evidence?: string | undefined; patch?: JsonPatch | undefined } = {},
): Hit {
  const out: Hit = { at, problem };
  if (details.evidence !== undefined) out.evidence = details.evidence;
  if (details.patch !== undefined) out.patch = details.patch;
  return out;
}
