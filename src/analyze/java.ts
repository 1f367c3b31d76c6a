// The 'java' analyzer: Maven artifacts in Java archives (jar, war, ear, Jenkins and other zip-based ones), nested ones
// included, named by pom.properties, MANIFEST.MF or file name (java/identify.ts). purl type maven, as in the purl spec:
// https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#maven

import { compareText, comparePackages } from '../model/order.js';
import type { Package } from '../model/package.js';
import type { Analyzer, AssembleInput } from './analyzer.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';
import {
  JAVA_ARCHIVE_EXTENSIONS,
  readJavaArchive,
  type ArchiveLimits,
  type JavaArtifactRecord,
} from './java/archive.js';
import { mergeDuplicateArtifacts } from './java/merge.js';
import { packageUrl } from './purl.js';

export interface JavaFact {
  artifacts: JavaArtifactRecord[];
}

export interface JavaAnalyzerOptions {
  /** How many archive levels to open, the file itself being 1 (default 4: an ear's war's jar's jar). */
  maxDepth?: number;
  /** The largest nested archive opened, uncompressed (default 256 MiB). */
  maxNestedBytes?: number;
  /** The most one file's nested archives may inflate to in all (default 1 GiB). */
  maxInflatedBytes?: number;
}

/**
 * Defaults: four levels cover every layout in use (ear → war → WEB-INF/lib jar → a jar inside that jar). A nested
 * archive is held in memory while read, one per level, so 256 MiB bounds memory to about a gigabyte at worst while
 * staying far above real nested jars (tens of MiB); the 1 GiB total stops a file of many medium bombs.
 */
export const DEFAULT_JAVA_LIMITS: Readonly<ArchiveLimits> = {
  maxDepth: 4,
  maxNestedBytes: 256 * 1024 ** 2,
  maxInflatedBytes: 1024 ** 3,
};

const NAME = 'java';
/** The smallest zip file (an end of central directory record alone) is 22 bytes. */
const MIN_ARCHIVE_BYTES = 22;

export function createJavaAnalyzer(options: JavaAnalyzerOptions = {}): Analyzer<JavaFact> {
  const limits: ArchiveLimits = { ...DEFAULT_JAVA_LIMITS };
  for (const key of ['maxDepth', 'maxNestedBytes', 'maxInflatedBytes'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < (key === 'maxDepth' ? 1 : 0))
      throw new RangeError(`java analyzer: ${key} must be a whole number, got ${value}`);
    limits[key] = value;
  }
  return {
    name: NAME,
    version: 1,
    settings: `maxDepth=${limits.maxDepth},maxNestedBytes=${limits.maxNestedBytes},maxInflatedBytes=${limits.maxInflatedBytes}`,
    wants: (path, entry) => entry.size >= MIN_ARCHIVE_BYTES && isJavaArchivePath(path),
    parse(file, warn) {
      const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
      const artifacts = mergeDuplicateArtifacts(
        readJavaArchive(file.content, fileName, limits, warn),
      );
      return artifacts.length > 0 ? { artifacts } : undefined;
    },
    assemble(input) {
      return { packages: assembleJavaPackages(input) };
    },
  };
}

export const javaAnalyzer: Analyzer<JavaFact> = createJavaAnalyzer();

/** The archive endings as three lower-cased character codes in one number, so the test below makes no string. */
const EXTENSION_CODES: ReadonlySet<number> = new Set(
  [...JAVA_ARCHIVE_EXTENSIONS].map((e) => extensionCode(e, 0)),
);

/** Called for every file of every layer: `.` then three letters that, lower-cased, are a Java archive's ending. */
function isJavaArchivePath(path: string): boolean {
  const dot = path.length - 4;
  return (
    dot >= 1 &&
    path.charCodeAt(dot) === 46 &&
    path.charCodeAt(dot - 1) !== 47 &&
    EXTENSION_CODES.has(extensionCode(path, dot + 1))
  );
}

/** ASCII letters lower-cased by setting bit 5; -1 for anything beyond ASCII, which no ending of ours holds. */
function extensionCode(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  if ((a | b | c) > 0x7f) return -1;
  return ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
}

function assembleJavaPackages(input: AssembleInput<JavaFact>): Package[] {
  const keysOf = memoizedKeys((fact: JavaFact) => fact.artifacts.map(artifactKey));
  const packages: Package[] = [];
  for (const [path, versions] of input.facts) {
    const current = versions[versions.length - 1];
    if (!current) continue;
    for (const artifact of current.fact.artifacts) {
      const pkg: Package = {
        type: 'maven',
        name: `${artifact.groupId}:${artifact.artifactId}`,
        version: artifact.version,
        licenses: artifact.licenses,
        purl: purlOf(artifact),
        files: [],
        dependsOn: [],
        layer: introducingLayer(artifactKey(artifact), versions, keysOf),
        foundBy: NAME,
        location: artifact.archive ? `${path}!/${artifact.archive}` : path,
        confidence: artifact.confidence,
        properties: { evidence: artifact.evidence },
      };
      if (artifact.groupGuessed) pkg.properties!.groupIdGuessed = 'true';
      packages.push(pkg);
    }
  }
  return packages.sort((a, b) => comparePackages(a, b) || compareText(a.location, b.location));
}

/** `pkg:maven/GROUP/ARTIFACT@VERSION`; the group is the artifact id when nothing states one (see identify.ts). */
function purlOf(artifact: JavaArtifactRecord): string {
  return packageUrl('maven', artifact.groupId, artifact.artifactId, artifact.version);
}

/** One artifact in one place: a file's earlier copy that held the same one there does not make it new. */
function artifactKey(artifact: JavaArtifactRecord): string {
  return `${purlOf(artifact)}\0${artifact.archive}`;
}
