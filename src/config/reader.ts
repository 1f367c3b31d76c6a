// What every configuration reader returns: the containers in the normalised shape (CIS controls), and for Kubernetes
// the pod specs as written (the Pod Security Standards are defined over the pod spec itself).

import type { ContainerSpec, InputKind } from './container-spec.js';
import type { LocatedDocument } from './documents.js';

/** A pod spec inside a Kubernetes document (a Pod's `spec`, a Deployment's `spec.template.spec`, ...). */
export interface PodRef {
  file: string;
  resource: { kind: string; namespace?: string; name: string };
  /** The pod's metadata (annotations matter to AppArmor and seccomp checks of older manifests). */
  metadata: Record<string, unknown>;
  /** The pod spec object as written. */
  spec: Record<string, unknown>;
  /** The document it is in, for lines. */
  document: LocatedDocument;
  /** Path of `spec` inside the document (['spec'], ['spec', 'template', 'spec'], ['items', 3, 'spec'], ...). */
  specPath: (string | number)[];
  /** Path of the pod metadata inside the document. */
  metadataPath: (string | number)[];
}

export interface ConfigRead {
  kind: InputKind;
  containers: ContainerSpec[];
  /** Kubernetes only. */
  pods: PodRef[];
}
