// Names the artifacts one Java archive holds, from its pom.properties files (high confidence), its manifest (medium)
// and its file name (low). Headers: JAR spec https://docs.oracle.com/en/java/javase/21/docs/specs/jar/jar.html and
// OSGi Core "Bundle Manifest Headers" (https://docs.osgi.org/specification/osgi.core/8.0.0/framework.module.html).

import type { License } from '../../model/license.js';
import { parseArchiveFileName } from './file-name.js';
import { bundleLicenses } from './bundle-license.js';
import { manifestAttribute, type ManifestAttributes } from './manifest.js';
import type { MavenCoordinates } from './pom-properties.js';

export type Confidence = 'high' | 'medium' | 'low';

export interface JavaIdentity {
  groupId: string;
  artifactId: string;
  version: string;
  confidence: Confidence;
  /** What named it: the pom.properties path inside the archive, META-INF/MANIFEST.MF, or the file name. */
  evidence: string;
  /** The archive's own identity, rather than an artifact shaded into it (one of a fat jar's other pom.properties). */
  self: boolean;
  /** Set when no group id was written anywhere and the artifact id stands in for it (as Syft does). */
  groupGuessed?: boolean;
  licenses: License[];
}

export interface ArchiveMetadata {
  /** The archive's own file name, without directories. */
  fileName: string;
  poms: { path: string; coordinates: MavenCoordinates }[];
  manifest?: ManifestAttributes;
}

export const MANIFEST_EVIDENCE = 'META-INF/MANIFEST.MF';
export const FILE_NAME_EVIDENCE = 'file name';

/** Every artifact the archive's metadata names: one per pom.properties, plus its own identity when no pom gives it. */
export function identifyArchive(metadata: ArchiveMetadata): JavaIdentity[] {
  const { manifest } = metadata;
  const fileName = parseArchiveFileName(metadata.fileName);
  const licenses = manifest ? bundleLicenses(manifestAttribute(manifest, 'Bundle-License')) : [];
  const poms = [...metadata.poms].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const own = ownPom(poms, metadata.fileName, manifest);
  const identities: JavaIdentity[] = poms.map((pom) => ({
    ...pom.coordinates,
    confidence: 'high',
    evidence: pom.path,
    self: pom === own,
    licenses: pom === own ? licenses : [],
  }));
  if (!own) {
    const described = describedIdentity(fileName.name, fileName.version, manifest);
    if (described) identities.push({ ...described, self: true, licenses });
  }
  return identities;
}

/**
 * The pom.properties that describes the archive itself rather than something shaded into it: the one whose artifact
 * id and version the file is named after (`log4j-1.2-api-2.19.0.jar`, Debian's `log4j-1.2-api.jar`), or whose
 * artifact id the file name's artifact part or the bundle's symbolic name is; else a lone pom that nothing contradicts.
 */
function ownPom(
  poms: ArchiveMetadata['poms'],
  fileName: string,
  manifest: ManifestAttributes | undefined,
): ArchiveMetadata['poms'][number] | undefined {
  const stem = fileName.includes('.') ? fileName.slice(0, fileName.lastIndexOf('.')) : fileName;
  const named = poms.find(
    ({ coordinates: c }) =>
      stem === c.artifactId ||
      stem === `${c.artifactId}-${c.version}` ||
      stem.startsWith(`${c.artifactId}-${c.version}-`),
  );
  if (named) return named;
  const parsed = parseArchiveFileName(fileName);
  const byName = poms.find((p) => p.coordinates.artifactId === parsed.name);
  if (byName) return byName;
  const symbolic = manifest ? symbolicNames(manifest).map(dotted) : [];
  const bySymbol = poms.find(({ coordinates: c }) =>
    symbolic.some(
      (s) => s === dotted(`${c.groupId}.${c.artifactId}`) || s === dotted(c.artifactId),
    ),
  );
  if (bySymbol) return bySymbol;
  if (poms.length !== 1) return undefined;
  const lone = poms[0]!;
  const stated = manifest ? manifestVersion(manifest) : undefined;
  const versions = [stated, parsed.version].filter((v) => v !== undefined);
  return versions.every((v) => v === lone.coordinates.version) ? lone : undefined;
}

/** The identity the manifest and file name give: version from the manifest (medium) or else the file name (low). */
function describedIdentity(
  fileArtifact: string,
  fileVersion: string | undefined,
  manifest: ManifestAttributes | undefined,
): Omit<JavaIdentity, 'self' | 'licenses'> | undefined {
  const artifactId =
    fileArtifact ||
    [
      manifest && manifestAttribute(manifest, 'Implementation-Title'),
      manifest && manifestAttribute(manifest, 'Bundle-Name'),
    ].find((t) => t !== undefined && /^[\w.-]+$/.test(t));
  if (!artifactId) return undefined;
  const stated = manifest ? manifestVersion(manifest) : undefined;
  const version = stated ?? fileVersion;
  if (!version) return undefined;
  const evidence = stated ? MANIFEST_EVIDENCE : FILE_NAME_EVIDENCE;
  const confidence: Confidence = stated ? 'medium' : 'low';
  const groupId = manifest ? manifestGroup(manifest, artifactId) : undefined;
  if (groupId) return { groupId, artifactId, version, confidence, evidence };
  return { groupId: artifactId, artifactId, version, confidence, evidence, groupGuessed: true };
}

const VERSION_ATTRIBUTES = ['Implementation-Version', 'Bundle-Version', 'Specification-Version'];

function manifestVersion(manifest: ManifestAttributes): string | undefined {
  for (const attribute of VERSION_ATTRIBUTES) {
    const value = manifestAttribute(manifest, attribute);
    // Unexpanded build properties and words ("unknown") are not versions.
    if (value && /\d/.test(value) && !/\s|\$\{/.test(value)) return value;
  }
  return undefined;
}

/**
 * Maven's archiver writes the group id as Implementation-Vendor-Id; else a symbolic or module name that is a group id
 * followed by (the end of) the artifact id gives it: org.mongodb.bson for bson, org.mongodb.driver-async for
 * mongodb-driver-async, org.apache.commons.logging for commons-logging (the longest such ending is taken).
 */
function manifestGroup(manifest: ManifestAttributes, artifactId: string): string | undefined {
  const vendorId = manifestAttribute(manifest, 'Implementation-Vendor-Id');
  if (vendorId && looksLikeGroupId(vendorId)) return vendorId;
  const artifact = `.${dotted(artifactId)}`;
  for (const symbolic of symbolicNames(manifest)) {
    for (let cut = symbolic.indexOf('.'); cut > 0; cut = symbolic.indexOf('.', cut + 1)) {
      const group = symbolic.slice(0, cut);
      if (looksLikeGroupId(group) && artifact.endsWith(`.${dotted(symbolic.slice(cut + 1))}`))
        return group;
    }
  }
  return undefined;
}

/** Bundle-SymbolicName without its directives (`;singleton:=true`), and Automatic-Module-Name. */
function symbolicNames(manifest: ManifestAttributes): string[] {
  const names: string[] = [];
  const bundle = manifestAttribute(manifest, 'Bundle-SymbolicName')?.split(';')[0]!.trim();
  if (bundle) names.push(bundle);
  const module = manifestAttribute(manifest, 'Automatic-Module-Name');
  if (module) names.push(module);
  return names;
}

function looksLikeGroupId(text: string): boolean {
  return /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(text);
}

/** Dashes and underscores as dots: module and bundle names cannot hold dashes, so they use dots or underscores. */
function dotted(text: string): string {
  return text.replace(/[-_]/g, '.');
}
