// The Inventory as an SPDX 2.3 JSON document, written by hand (the document is small and flat).
// Spec: https://spdx.github.io/spdx-spec/v2.3/ ; JSON schema: https://github.com/spdx/spdx-spec/blob/development/v2.3/schemas/spdx-schema.json
//
// Choices, so that the document is reproducible and reads back (src/sbom/spdx-reader.ts):
// - creationInfo.created is required; without a timestamp it is the Unix epoch, 1970-01-01T00:00:00Z.
// - documentNamespace ends in a UUID derived from the SHA-256 of the document written without it, so equal
//   inventories give equal documents and different ones different namespaces.
// - Package SPDXIDs come from type, name, version and arch, with characters SPDX does not allow replaced by '-'
//   (and a numbered suffix in the rare case two packages then collide).
// - Relationships mirror the CycloneDX graph (src/sbom/cyclonedx.ts): the document DESCRIBES the target, the target
//   CONTAINS the OS, the OS CONTAINS every package (the target does, when there is no OS), packages DEPENDS_ON packages.
// - A licence Seawall has only as text becomes a LicenseRef- declared in hasExtractedLicensingInfos; several licences
//   of one package are joined with AND, as the package is under all of them at once.
// - Every inventory package has primaryPackagePurpose LIBRARY (as Trivy writes OS packages): a package database does
//   not say whether a package is a library or a program.
// - What SPDX has no field for, and what its fields hold only as prose (sourceInfo, comment), is also written
//   machine-readably, so that src/sbom/spdx-reader.ts reads back every fact vulnerability matching needs. Each fact is
//   one SPDX annotation (https://spdx.github.io/spdx-spec/v2.3/annotations/) with annotationType OTHER, annotator
//   `Tool: seawall-<version>`, annotationDate the document's created time, and comment `NAME=VALUE`: NAME is the
//   `seawall:` name CycloneDX's property for the same fact has (src/sbom/cyclonedx-properties.ts; names never hold
//   '='), VALUE the rest of the comment, verbatim and encoded as that property's value is. On the target package:
//   input, kind, image id, manifest digest, repo tags, platform, image config, layers; on the OS package: codename and
//   os-release source; on each package: type, arch, epoch, source package name and version, layer index, analyzer
//   (foundBy), location, managedBy, confidence and Package.properties; on the document: the inventory's warnings.
//   A list is one annotation per item, in the Inventory's order. Package files and maintainers are not written.

import { createHash } from 'node:crypto';
import type { Inventory, TargetInfo } from '../model/inventory.js';
import type { License } from '../model/license.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import { canonicalInventory, canonicalJson, compareText } from './canonical.js';
import { PROP, targetFacts } from './cyclonedx-properties.js';
import { displayVersion } from './display-version.js';
import { uuidFromContent } from './deterministic-id.js';

export interface SpdxOptions {
  /** Written as creationInfo.created; the Unix epoch when absent, so that output is reproducible. */
  timestamp?: Date;
  /** Seawall's version, for creationInfo.creators. */
  toolVersion: string;
}

/** The created time written when none is given. */
export const SPDX_EPOCH_CREATED = '1970-01-01T00:00:00Z';

const NOASSERTION = 'NOASSERTION';
const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
const TARGET_ID = 'SPDXRef-Target';
const OS_ID = 'SPDXRef-OperatingSystem';

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  primaryPackagePurpose: 'CONTAINER' | 'FILE' | 'OPERATING_SYSTEM' | 'LIBRARY';
  description?: string;
  sourceInfo?: string;
  comment?: string;
  annotations?: SpdxAnnotation[];
  externalRefs?: {
    referenceCategory: 'PACKAGE-MANAGER';
    referenceType: 'purl';
    referenceLocator: string;
  }[];
}

interface SpdxAnnotation {
  annotationDate: string;
  annotationType: 'OTHER';
  annotator: string;
  comment: string;
}

interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON';
  relatedSpdxElement: string;
}

interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

/** The inventory as SPDX 2.3 JSON text with sorted keys, ending in a newline. */
export function renderSpdx(inventory: Inventory, options: SpdxOptions): string {
  const canonical = canonicalInventory(inventory);
  const created = options.timestamp ? spdxTime(options.timestamp) : SPDX_EPOCH_CREATED;
  const annotate = annotator(created, options.toolVersion);
  const licenseRefs = new LicenseRefs();
  const packageIds = new SpdxIds();
  const spdxPackages = canonical.packages.map((pkg) =>
    packageEntry(pkg, packageIds.claim(packageIdBase(pkg)), licenseRefs, annotate),
  );

  const relationships: SpdxRelationship[] = [rel(DOCUMENT_ID, 'DESCRIBES', TARGET_ID)];
  const packages: SpdxPackage[] = [targetEntry(canonical.target, annotate)];
  let packageParent = TARGET_ID;
  if (canonical.os) {
    packages.push(osEntry(canonical.os, annotate));
    relationships.push(rel(TARGET_ID, 'CONTAINS', OS_ID));
    packageParent = OS_ID;
  }
  packages.push(...spdxPackages);
  const idOfPurl = new Map<string, string>();
  canonical.packages.forEach((pkg, i) => {
    if (!idOfPurl.has(pkg.purl)) idOfPurl.set(pkg.purl, spdxPackages[i]!.SPDXID);
  });
  for (const entry of spdxPackages) {
    relationships.push(rel(packageParent, 'CONTAINS', entry.SPDXID));
  }
  canonical.packages.forEach((pkg, i) => {
    for (const purl of pkg.dependsOn) {
      const dependency = idOfPurl.get(purl);
      if (dependency) relationships.push(rel(spdxPackages[i]!.SPDXID, 'DEPENDS_ON', dependency));
    }
  });

  const document: Record<string, unknown> = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    name: canonical.target.name,
    creationInfo: {
      created,
      creators: [seawallTool(options.toolVersion)],
    },
    packages,
    relationships,
  };
  const warnings = annotate(canonical.warnings.map((warning) => [PROP.warning, warning]));
  if (warnings) document.annotations = warnings;
  const extracted = licenseRefs.declarations();
  if (extracted.length > 0) document.hasExtractedLicensingInfos = extracted;
  const uuid = uuidFromContent(canonicalJson(document));
  document.documentNamespace = `https://spdx.org/spdxdocs/seawall-${slug(canonical.target.name)}-${uuid}`;
  return canonicalJson(document);
}

/** SPDX wants UTC to the second: YYYY-MM-DDThh:mm:ssZ. */
function spdxTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function seawallTool(toolVersion: string): string {
  return `Tool: seawall-${toolVersion}`;
}

/** Facts as annotations (see the top of this file); entries whose value is undefined are left out. */
type Annotate = (entries: [string, string | undefined][]) => SpdxAnnotation[] | undefined;

function annotator(created: string, toolVersion: string): Annotate {
  const tool = seawallTool(toolVersion);
  return (entries) => {
    const annotations = entries
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]): SpdxAnnotation => ({
        annotationDate: created,
        annotationType: 'OTHER',
        annotator: tool,
        comment: `${name}=${value}`,
      }));
    return annotations.length > 0 ? annotations : undefined;
  };
}

function rel(
  from: string,
  type: SpdxRelationship['relationshipType'],
  to: string,
): SpdxRelationship {
  return { spdxElementId: from, relationshipType: type, relatedSpdxElement: to };
}

/** SPDX element ids and LicenseRef ids allow letters, digits, '.' and '-' only. */
function idSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]/g, '-');
}

/** A readable tail for the namespace URI: the target name reduced to id-safe characters. */
function slug(text: string): string {
  return idSafe(text).replace(/-+/g, '-').replace(/^-|-$/g, '') || 'target';
}

function packageIdBase(pkg: Package): string {
  const parts = [pkg.type, pkg.name, displayVersion(pkg), pkg.arch].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  return `SPDXRef-Package-${idSafe(parts.join('-'))}`;
}

/** Hands out each id once, numbering repeats in the order asked (the canonical package order). */
class SpdxIds {
  private readonly used = new Set<string>();

  claim(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

function targetEntry(target: TargetInfo, annotate: Annotate): SpdxPackage {
  const isImage = target.kind === 'image';
  const entry: SpdxPackage = {
    SPDXID: TARGET_ID,
    name: target.name,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    primaryPackagePurpose: isImage ? 'CONTAINER' : 'FILE',
  };
  const version = isImage ? (target.manifestDigest ?? target.imageId) : undefined;
  if (version) entry.versionInfo = version;
  const annotations = annotate(targetFacts(target));
  if (annotations) entry.annotations = annotations;
  return entry;
}

function osEntry(os: OsInfo, annotate: Annotate): SpdxPackage {
  const entry: SpdxPackage = {
    SPDXID: OS_ID,
    name: os.family,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    primaryPackagePurpose: 'OPERATING_SYSTEM',
  };
  if (os.version) entry.versionInfo = os.version;
  if (os.prettyName) entry.description = os.prettyName;
  const annotations = annotate([
    [PROP.osCodename, os.codename],
    [PROP.osSource, os.source],
  ]);
  if (annotations) entry.annotations = annotations;
  return entry;
}

function packageEntry(
  pkg: Package,
  id: string,
  licenseRefs: LicenseRefs,
  annotate: Annotate,
): SpdxPackage {
  const entry: SpdxPackage = {
    SPDXID: id,
    name: pkg.name,
    versionInfo: displayVersion(pkg),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: licenseRefs.declared(pkg.licenses),
    primaryPackagePurpose: 'LIBRARY',
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
    ],
    comment: `found by ${pkg.foundBy} in /${pkg.location}${pkg.layer === undefined ? '' : `, layer ${pkg.layer}`}`,
  };
  if (pkg.description) entry.description = pkg.description;
  if (pkg.source)
    entry.sourceInfo = `built from source package ${pkg.source.name} ${pkg.source.version}`;
  const annotations = annotate([
    [PROP.packageType, pkg.type],
    [PROP.packageArch, pkg.arch],
    [PROP.packageEpoch, pkg.epoch === undefined ? undefined : String(pkg.epoch)],
    [PROP.sourceName, pkg.source?.name],
    [PROP.sourceVersion, pkg.source?.version],
    [PROP.packageLayer, pkg.layer === undefined ? undefined : String(pkg.layer)],
    [PROP.foundBy, pkg.foundBy],
    [PROP.location, pkg.location],
    [PROP.managedByType, pkg.managedBy?.type],
    [PROP.managedByPurl, pkg.managedBy?.purl],
    [PROP.confidence, pkg.confidence],
    ...Object.entries(pkg.properties ?? {}).map(([name, value]): [string, string] => [
      `${PROP.packagePropertyPrefix}${name}`,
      value,
    ]),
  ]);
  if (annotations) entry.annotations = annotations;
  return entry;
}

/** Turns Inventory licences into SPDX expressions, declaring a LicenseRef- for each licence known only as text. */
class LicenseRefs {
  private readonly textOfId = new Map<string, string>();

  declared(licenses: License[]): string {
    const terms = [...new Set(licenses.map((license) => this.term(license)))];
    if (terms.length === 0) return NOASSERTION;
    if (terms.length === 1) return terms[0]!;
    return terms.map((term) => (term.includes(' ') ? `(${term})` : term)).join(' AND ');
  }

  private term(license: License): string {
    if (license.expression !== undefined) {
      // A LicenseRef- inside an expression must be declared in the document too.
      for (const [ref] of license.expression.matchAll(/LicenseRef-[A-Za-z0-9.-]+/g)) {
        if (!this.textOfId.has(ref)) this.textOfId.set(ref, license.text ?? NOASSERTION);
      }
      return license.expression;
    }
    return this.refFor(license.text ?? '');
  }

  private refFor(text: string): string {
    const base = `LicenseRef-${idSafe(text) || 'unnamed'}`;
    for (const id of [
      base,
      `${base}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`,
    ]) {
      const known = this.textOfId.get(id);
      if (known === undefined) this.textOfId.set(id, text);
      if (known === undefined || known === text) return id;
    }
    throw new Error(`two licence texts share the LicenseRef for ${JSON.stringify(text)}`);
  }

  declarations(): ExtractedLicense[] {
    return [...this.textOfId]
      .sort(([a], [b]) => compareText(a, b))
      .map(([licenseId, text]) => ({ licenseId, name: text, extractedText: text }));
  }
}
