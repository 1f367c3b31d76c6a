// Test support: the pods of the Pod Security Standards fixtures (test/fixtures/pss/), read as `seawall audit` reads a
// manifest, and what each says the admission controller answers (its `pss.test/<level>` annotation).

import { readFileSync, readdirSync } from 'node:fs';
import { parseDocuments } from '../../config/documents.js';
import { readKubernetes } from '../../config/kubernetes/read.js';
import type { ConfigRead, PodRef } from '../../config/reader.js';
import { fixturePath } from '../../testing/fixtures.js';
import type { PssLevel } from './context.js';

export type Expectation = { admitted: true } | { admitted: false; fields: string[] };

/** The manifests of a fixture folder (`controls`, `workloads`), sorted. */
export function fixtureFiles(folder: string): string[] {
  return readdirSync(fixturePath('pss', folder))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => fixturePath('pss', folder, name));
}

export function readManifest(file: string, text = readFileSync(file, 'utf8')): ConfigRead {
  const read = readKubernetes(parseDocuments(text, file), file);
  if (!read) throw new Error(`${file}: no Kubernetes objects`);
  return read;
}

/** The pod named `name` in a fixture of `controls/`. */
export function controlPod(file: string, name: string): PodRef {
  const pod = readManifest(fixturePath('pss', 'controls', file)).pods.find(
    (p) => p.resource.name === name,
  );
  if (!pod) throw new Error(`no pod ${name} in ${file}`);
  return pod;
}

export function expectationOf(pod: PodRef, level: PssLevel): Expectation {
  const annotations = (pod.metadata['annotations'] ?? {}) as Record<string, unknown>;
  const written = String(annotations[`pss.test/${level}`] ?? '');
  const [verdict, ...fields] = written.trim().split(/\s+/);
  if (verdict === 'pass' && fields.length === 0) return { admitted: true };
  if (verdict === 'fail') return { admitted: false, fields };
  throw new Error(
    `${pod.file}: ${pod.resource.name} has no pss.test/${level} of "pass" or "fail <json paths>"`,
  );
}
