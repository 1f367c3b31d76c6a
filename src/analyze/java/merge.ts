// Folds the artifacts found more than once in one file into one each: a shaded pom.properties and the nested jar of the
// same artifact, or a jar named only by its file name and the pom.properties that names it fully.
// No external format: the rules are Seawall's own, documented on mergeDuplicateArtifacts.

import type { Confidence } from './identify.js';
import type { JavaArtifactRecord } from './archive.js';

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * Records of one artifact id and version are one artifact. The best evidence wins (high before medium before low);
 * of equals, an archive's own identity before a shaded copy's, then the outermost archive. Several group ids at the
 * best confidence are kept apart (asm:asm and org.ow2.asm:asm are different artifacts); weaker records, whose group
 * may be a guess, fold into the winner. Output is sorted by archive, then coordinates.
 */
export function mergeDuplicateArtifacts(
  records: readonly JavaArtifactRecord[],
): JavaArtifactRecord[] {
  const byArtifact = new Map<string, JavaArtifactRecord[]>();
  for (const record of records) {
    const key = `${record.artifactId}@${record.version}`;
    const list = byArtifact.get(key);
    if (list) list.push(record);
    else byArtifact.set(key, [record]);
  }
  const kept: JavaArtifactRecord[] = [];
  for (const list of byArtifact.values()) {
    list.sort(preference);
    const best = RANK[list[0]!.confidence];
    const groups = new Set<string>();
    for (const record of list) {
      if (RANK[record.confidence] < best || groups.has(record.groupId)) continue;
      groups.add(record.groupId);
      kept.push(record);
    }
  }
  return kept.sort(
    (a, b) =>
      compare(a.archive, b.archive) ||
      compare(a.groupId, b.groupId) ||
      compare(a.artifactId, b.artifactId) ||
      compare(a.version, b.version),
  );
}

function preference(a: JavaArtifactRecord, b: JavaArtifactRecord): number {
  return (
    RANK[b.confidence] - RANK[a.confidence] ||
    Number(b.self) - Number(a.self) ||
    depth(a.archive) - depth(b.archive) ||
    compare(a.archive, b.archive) ||
    compare(a.groupId, b.groupId) ||
    compare(a.evidence, b.evidence)
  );
}

function depth(archive: string): number {
  return archive === '' ? 0 : archive.split('!/').length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
