// Reads an SPDX 2.x JSON document back into an Inventory: every fact matching needs for documents Seawall wrote (its
// `seawall:` annotations, see src/sbom/spdx.ts), and what the purls say for other tools'. https://spdx.github.io/spdx-spec/v2.3/

import { PackageURL } from 'packageurl-js';
import { InputError } from '../errors.js';
import type { ImageConfigSummary, Inventory, Platform, TargetInfo } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import type { License } from '../model/license.js';
import type { OsInfo } from '../model/os.js';
import { compareText } from '../model/order.js';
import {
  LANGUAGE_PACKAGE_TYPES,
  OS_PACKAGE_TYPES,
  isOsPackageType,
  type Package,
  type PackageType,
} from '../model/package.js';
import { canonicalInventory } from './canonical.js';
import { LAYER_FIELDS, PROP } from './cyclonedx-properties.js';

const PACKAGE_TYPES: readonly PackageType[] = [...OS_PACKAGE_TYPES, ...LANGUAGE_PACKAGE_TYPES];
const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
/** SPDX 2.3 JSON spells it with '_', tag-value and Trivy's JSON with '-'. */
const OS_PURPOSES = new Set(['OPERATING_SYSTEM', 'OPERATING-SYSTEM']);
/** SPDX 2.2 JSON spelt the category with '_'. */
const PURL_CATEGORIES = new Set(['PACKAGE-MANAGER', 'PACKAGE_MANAGER']);
/** What the analyzer of a package is called when the document does not say. */
const FOUND_BY_SPDX = 'spdx';
/** Names listed in one warning about skipped packages, at most. */
const NAMES_IN_WARNING = 10;

type Json = Record<string, unknown>;

/**
 * The Inventory an SPDX 2.x JSON document describes. Throws InputError (naming `subject`) when `json` is not one, or
 * when its lists are not lists; a package that cannot be read, has no purl or has one of a type Seawall does not model
 * is skipped with a warning in `inventory.warnings`.
 */
export function inventoryFromSpdx(json: unknown, subject = 'SPDX document'): Inventory {
  if (
    !isObject(json) ||
    typeof json.spdxVersion !== 'string' ||
    !/^SPDX-2\.\d+$/.test(json.spdxVersion)
  )
    throw new InputError(subject, 'not an SPDX 2.x JSON document');
  return new SpdxReader(subject, json).read();
}

/** One SPDX package with its annotations sorted into Seawall's facts and other tools' `Key: value` ones. */
interface Element {
  where: string;
  id: string;
  entry: Json;
  facts: Facts;
  /** Trivy's annotations (or, from older Trivy, attribution texts): `Key: value`. */
  foreign: Facts;
}

/** Multi-valued facts by name, in document order. */
class Facts {
  private readonly values = new Map<string, string[]>();

  add(name: string, value: string): void {
    this.values.set(name, [...(this.values.get(name) ?? []), value]);
  }

  get size(): number {
    return this.values.size;
  }

  one(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  all(name: string): string[] {
    return [...(this.values.get(name) ?? [])];
  }

  startingWith(prefix: string): [string, string][] {
    return [...this.values]
      .filter(([name]) => name.startsWith(prefix))
      .flatMap(([name, values]) => values.map((value): [string, string] => [name, value]));
  }
}

class SpdxReader {
  private readonly warnings: string[] = [];

  constructor(
    private readonly subject: string,
    private readonly doc: Json,
  ) {}

  read(): Inventory {
    const elements = this.list(this.doc.packages, 'packages').flatMap((item, i) => {
      const element = this.element(item, `packages[${i}]`);
      return element ? [element] : [];
    });
    const relationships = this.relationships();
    const roots = this.roots(relationships);
    const parents = new Set(
      relationships
        .filter((r) => r.type === 'CONTAINS' || r.type === 'DEPENDS_ON')
        .map((r) => r.from),
    );
    const extracted = this.extractedLicences();

    const rootElement = elements.find((e) => roots.has(e.id));
    const target = this.target(rootElement);
    let osElement: Element | undefined;
    const packages = new Map<string, Package>();
    const withoutPurl: string[] = [];
    const unmodelled = new Map<string, string[]>();
    for (const element of elements) {
      if (element === rootElement) continue;
      if (OS_PURPOSES.has(String(element.entry.primaryPackagePurpose))) {
        osElement ??= element;
        continue;
      }
      const purl = purlOf(element.entry);
      if (purl === undefined) {
        // The image, an application or a lock file that holds packages is not one itself.
        if (!parents.has(element.id)) withoutPurl.push(nameOf(element));
        continue;
      }
      const pkg = this.package(element, purl, target, extracted);
      if (typeof pkg === 'string') {
        unmodelled.set(pkg, [...(unmodelled.get(pkg) ?? []), nameOf(element)]);
      } else if (pkg) {
        packages.set(element.id, pkg);
      }
    }
    if (withoutPurl.length > 0)
      this.warn(`skipped ${withoutPurl.length} packages without a purl: ${listed(withoutPurl)}`);
    for (const [type, names] of unmodelled)
      this.warn(
        `skipped ${names.length} packages whose purl type Seawall does not model (${type}): ${listed(names)}`,
      );

    for (const { from, type, to } of relationships) {
      if (type !== 'DEPENDS_ON' && type !== 'DEPENDENCY_OF') continue;
      // Syft writes the edge the other way round: the dependency is a DEPENDENCY_OF its dependent.
      const [dependent, dependency] = type === 'DEPENDS_ON' ? [from, to] : [to, from];
      const pkg = packages.get(dependent);
      const purl = packages.get(dependency)?.purl;
      if (pkg && purl !== undefined && !pkg.dependsOn.includes(purl)) pkg.dependsOn.push(purl);
    }

    const inventory: Inventory = {
      target,
      packages: [...packages.values()],
      warnings: [...this.documentWarnings(), ...this.warnings],
    };
    // A document Seawall wrote without an OS package says no OS was recognised; only others leave it to the purls.
    const seawallWrote = rootElement !== undefined && rootElement.facts.size > 0;
    const os = osElement
      ? this.os(osElement)
      : seawallWrote
        ? undefined
        : osFromPurls([...packages.values()]);
    if (os) inventory.os = os;
    return canonicalInventory(inventory);
  }

  private fail(problem: string): never {
    throw new InputError(this.subject, problem);
  }

  private warn(problem: string): void {
    this.warnings.push(`${this.subject}: ${problem}`);
  }

  private list(value: unknown, where: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(`${where} is not a list`);
    return value;
  }

  private element(item: unknown, where: string): Element | undefined {
    if (!isObject(item) || typeof item.SPDXID !== 'string') {
      this.warn(`${where} is not a package with an SPDXID; skipped`);
      return undefined;
    }
    const facts = new Facts();
    const foreign = new Facts();
    const notes = [
      ...(Array.isArray(item.annotations) ? item.annotations : []).map((a) =>
        isObject(a) ? a.comment : undefined,
      ),
      ...(Array.isArray(item.attributionTexts) ? item.attributionTexts : []),
    ];
    for (const note of notes) {
      if (typeof note !== 'string') continue;
      const seawall = /^(seawall:[^=]*)=(.*)$/s.exec(note);
      const other = /^([\w.-]+): (.*)$/s.exec(note);
      if (seawall) facts.add(seawall[1]!, seawall[2]!);
      else if (other) foreign.add(other[1]!, other[2]!);
    }
    return { where, id: item.SPDXID, entry: item, facts, foreign };
  }

  private relationships(): { from: string; type: string; to: string }[] {
    return this.list(this.doc.relationships, 'relationships').flatMap((item, i) => {
      if (
        !isObject(item) ||
        typeof item.spdxElementId !== 'string' ||
        typeof item.relationshipType !== 'string' ||
        typeof item.relatedSpdxElement !== 'string'
      ) {
        this.warn(`relationships[${i}] is not a relationship; skipped`);
        return [];
      }
      return [
        { from: item.spdxElementId, type: item.relationshipType, to: item.relatedSpdxElement },
      ];
    });
  }

  /** What the document describes: DESCRIBES relationships (Trivy once wrote DESCRIBE) and documentDescribes. */
  private roots(relationships: { from: string; type: string; to: string }[]): Set<string> {
    const roots = new Set(
      relationships
        .filter((r) => r.from === DOCUMENT_ID && (r.type === 'DESCRIBES' || r.type === 'DESCRIBE'))
        .map((r) => r.to),
    );
    for (const id of this.list(this.doc.documentDescribes, 'documentDescribes'))
      if (typeof id === 'string') roots.add(id);
    return roots;
  }

  /** LicenseRef- ids with the name or text the document declares for them. */
  private extractedLicences(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const item of this.list(
      this.doc.hasExtractedLicensingInfos,
      'hasExtractedLicensingInfos',
    )) {
      if (!isObject(item) || typeof item.licenseId !== 'string') continue;
      const name =
        typeof item.name === 'string' && item.name !== 'NOASSERTION' ? item.name : undefined;
      const text =
        name ?? (typeof item.extractedText === 'string' ? item.extractedText : undefined);
      if (text !== undefined) texts.set(item.licenseId, text);
    }
    return texts;
  }

  private documentWarnings(): string[] {
    const warnings: string[] = [];
    for (const annotation of this.list(this.doc.annotations, 'annotations')) {
      const comment = isObject(annotation) ? annotation.comment : undefined;
      const prefix = `${PROP.warning}=`;
      if (typeof comment === 'string' && comment.startsWith(prefix))
        warnings.push(comment.slice(prefix.length));
    }
    return warnings;
  }

  private target(root: Element | undefined): TargetInfo {
    const documentName = typeof this.doc.name === 'string' ? this.doc.name : this.subject;
    const name = root && typeof root.entry.name === 'string' ? root.entry.name : documentName;
    const facts = root?.facts ?? new Facts();
    const foreign = root?.foreign ?? new Facts();
    const kind = facts.one(PROP.targetKind);
    const target: TargetInfo = {
      input: facts.one(PROP.targetInput) ?? name,
      kind:
        kind === 'image' || kind === 'rootfs'
          ? kind
          : root?.entry.primaryPackagePurpose === 'CONTAINER'
            ? 'image'
            : 'rootfs',
      name,
      layers: facts.size > 0 ? this.layers(facts) : trivyLayers(foreign),
    };
    const imageId = facts.one(PROP.imageId) ?? foreign.one('ImageID');
    if (imageId !== undefined) target.imageId = imageId;
    const manifestDigest =
      facts.one(PROP.manifestDigest) ??
      foreign.one('RepoDigest')?.split('@')[1] ??
      (root ? ociDigest(purlOf(root.entry)) : undefined);
    if (manifestDigest !== undefined) target.manifestDigest = manifestDigest;
    const repoTags = [...facts.all(PROP.repoTag), ...foreign.all('RepoTag')];
    if (repoTags.length > 0) target.repoTags = repoTags;
    const platformOs = facts.one(PROP.platformOs);
    const architecture = facts.one(PROP.platformArchitecture);
    if (platformOs !== undefined && architecture !== undefined) {
      const platform: Platform = { os: platformOs, architecture };
      const variant = facts.one(PROP.platformVariant);
      if (variant !== undefined) platform.variant = variant;
      target.platform = platform;
    }
    const config = facts.one(PROP.imageConfig);
    if (config !== undefined) {
      const parsed = parseJson(config);
      if (isObject(parsed)) target.config = parsed as ImageConfigSummary;
      else this.warn(`${PROP.imageConfig} is not a JSON object; left out`);
    }
    return target;
  }

  private layers(facts: Facts): LayerRef[] {
    const byIndex = new Map<number, Record<string, string>>();
    for (const [name, value] of facts.startingWith(PROP.targetLayerPrefix)) {
      const match = /^(\d+):(\w+)$/.exec(name.slice(PROP.targetLayerPrefix.length));
      if (!match || !(LAYER_FIELDS as readonly string[]).includes(match[2]!)) {
        this.warn(`unknown layer annotation ${name}; left out`);
        continue;
      }
      const index = Number(match[1]);
      byIndex.set(index, { ...byIndex.get(index), [match[2]!]: value });
    }
    return [...byIndex].flatMap(([index, fields]) => {
      const where = `${PROP.targetLayerPrefix}${index}`;
      if (fields.diffId === undefined) {
        this.warn(`${where} has no diffId; left out`);
        return [];
      }
      const layer: LayerRef = { index, diffId: fields.diffId };
      if (fields.digest !== undefined) layer.digest = fields.digest;
      if (fields.mediaType !== undefined) layer.mediaType = fields.mediaType;
      const size = this.count(fields.size, `${where}:size`);
      if (size !== undefined) layer.size = size;
      if (fields.createdBy !== undefined) layer.createdBy = fields.createdBy;
      return [layer];
    });
  }

  private count(value: string | undefined, where: string): number | undefined {
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return Number(value);
    this.warn(`${where} is not a whole number: ${JSON.stringify(value)}; left out`);
    return undefined;
  }

  private os(element: Element): OsInfo {
    const { entry, facts } = element;
    const os: OsInfo = { family: nameOf(element), source: facts.one(PROP.osSource) ?? '' };
    if (typeof entry.versionInfo === 'string') os.version = entry.versionInfo;
    const codename = facts.one(PROP.osCodename);
    if (codename !== undefined) os.codename = codename;
    if (typeof entry.description === 'string') os.prettyName = entry.description;
    return os;
  }

  /** The package, or the purl type when Seawall does not model it, or undefined (with a warning) when unreadable. */
  private package(
    element: Element,
    purl: string,
    target: TargetInfo,
    extracted: Map<string, string>,
  ): Package | string | undefined {
    const { entry, facts, foreign, where } = element;
    const parsed = parsePurl(purl);
    if (!parsed) {
      this.warn(`${where} (${nameOf(element)}): invalid purl ${JSON.stringify(purl)}; skipped`);
      return undefined;
    }
    const type = facts.one(PROP.packageType) ?? parsed.type;
    if (!PACKAGE_TYPES.includes(type as PackageType)) return type;
    const qualifiers = parsed.qualifiers ?? {};

    // Only rpm keeps its epoch apart; a dpkg epoch stays inside the version, as dpkg writes it.
    const epoch = this.count(
      facts.one(PROP.packageEpoch) ?? (type === 'rpm' ? qualifiers.epoch : undefined),
      `${where} epoch`,
    );
    let version =
      typeof entry.versionInfo === 'string'
        ? entry.versionInfo
        : type === 'deb' && qualifiers.epoch && parsed.version
          ? `${qualifiers.epoch}:${parsed.version}`
          : (parsed.version ?? '');
    if (epoch && version.startsWith(`${epoch}:`)) version = version.slice(`${epoch}:`.length);

    const pkg: Package = {
      type: type as PackageType,
      // Seawall's own name is exact; other tools name packages their own way (Syft: a Maven artifact without group).
      name: facts.size > 0 && typeof entry.name === 'string' ? entry.name : nameFromPurl(parsed),
      version,
      licenses: licensesOf(entry, extracted),
      purl,
      files: [],
      dependsOn: [],
      foundBy: facts.one(PROP.foundBy) ?? FOUND_BY_SPDX,
      location: facts.one(PROP.location) ?? foreignLocation(entry) ?? '',
    };
    if (epoch !== undefined) pkg.epoch = epoch;
    const arch = facts.one(PROP.packageArch) ?? qualifiers.arch;
    if (arch !== undefined) pkg.arch = arch;
    const source =
      sourcePackage(facts.one(PROP.sourceName), facts.one(PROP.sourceVersion)) ??
      trivySource(entry, pkg.type) ??
      upstreamSource(qualifiers.upstream, pkg);
    if (source) pkg.source = source;
    const layerFact = facts.one(PROP.packageLayer);
    const layer =
      layerFact !== undefined
        ? this.count(layerFact, `${where} ${PROP.packageLayer}`)
        : target.layers.find((l) => l.diffId === foreign.one('LayerDiffID'))?.index;
    if (layer !== undefined) pkg.layer = layer;
    if (typeof entry.description === 'string') pkg.description = entry.description;
    const managedType = facts.one(PROP.managedByType);
    const managedPurl = facts.one(PROP.managedByPurl);
    if (managedType !== undefined && managedPurl !== undefined) {
      if (isOsPackageType(managedType)) pkg.managedBy = { type: managedType, purl: managedPurl };
      else this.warn(`${where}: ${PROP.managedByType} is not an OS package type: ${managedType}`);
    }
    const confidence = facts.one(PROP.confidence);
    if (confidence === 'high' || confidence === 'medium' || confidence === 'low')
      pkg.confidence = confidence;
    else if (confidence !== undefined) this.warn(`${where}: ${PROP.confidence} is ${confidence}`);
    const extra = facts.startingWith(PROP.packagePropertyPrefix);
    if (extra.length > 0)
      pkg.properties = Object.fromEntries(
        extra.map(([name, value]) => [name.slice(PROP.packagePropertyPrefix.length), value]),
      );
    return pkg;
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nameOf(element: Element): string {
  return typeof element.entry.name === 'string' ? element.entry.name : element.id;
}

/** The first few names, sorted, for a warning. */
function listed(names: string[]): string {
  const sorted = [...names].sort(compareText);
  const shown = sorted.slice(0, NAMES_IN_WARNING).join(', ');
  return sorted.length > NAMES_IN_WARNING
    ? `${shown} and ${sorted.length - NAMES_IN_WARNING} more`
    : shown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/** The package's purl: its first external reference of category PACKAGE-MANAGER and type purl. */
function purlOf(entry: Json): string | undefined {
  if (!Array.isArray(entry.externalRefs)) return undefined;
  for (const ref of entry.externalRefs) {
    if (
      isObject(ref) &&
      ref.referenceType === 'purl' &&
      PURL_CATEGORIES.has(String(ref.referenceCategory)) &&
      typeof ref.referenceLocator === 'string'
    )
      return ref.referenceLocator;
  }
  return undefined;
}

/** The image digest of an image's `pkg:oci/NAME@sha256:...` purl (Trivy's root package): its manifest digest. */
function ociDigest(purl: string | undefined): string | undefined {
  const parsed = purl === undefined ? undefined : parsePurl(purl);
  return parsed?.type === 'oci' && parsed.version?.startsWith('sha256:')
    ? parsed.version
    : undefined;
}

/** Layers as Trivy lists them on its root package: `DiffID: sha256:...`, base layer first. */
function trivyLayers(foreign: Facts): LayerRef[] {
  return foreign.all('DiffID').map((diffId, index) => ({ index, diffId }));
}

/** The name Seawall's analyzers give a package with this purl (src/analyze/): group:artifact, @scope/name, path. */
function nameFromPurl(purl: PackageURL): string {
  if (!purl.namespace || isOsPackageType(purl.type)) return purl.name;
  return purl.type === 'maven'
    ? `${purl.namespace}:${purl.name}`
    : `${purl.namespace}/${purl.name}`;
}

/**
 * Where other tools say they found a package, relative to the root: Trivy's `package found in: PATH` (language
 * packages), or the first of the paths in Syft's `acquired package info from WHAT: PATH, PATH`.
 */
function foreignLocation(entry: Json): string | undefined {
  if (typeof entry.sourceInfo !== 'string') return undefined;
  const match =
    /^package found in: (.+)$/.exec(entry.sourceInfo) ??
    /^acquired package info from [^:]*: ([^,]+)/.exec(entry.sourceInfo);
  return match?.[1]?.trim().replace(/^\/+/, '');
}

type SourcePackage = NonNullable<Package['source']>;

function sourcePackage(
  name: string | undefined,
  version: string | undefined,
): SourcePackage | undefined {
  return name === undefined || version === undefined ? undefined : { name, version };
}

/**
 * Trivy's `sourceInfo: built package from: NAME VERSION`, its version `[EPOCH:]VERSION[-RELEASE]`: the Inventory keeps
 * a dpkg source version with its epoch and an rpm one as VERSION-RELEASE.
 */
function trivySource(entry: Json, type: PackageType): SourcePackage | undefined {
  if (typeof entry.sourceInfo !== 'string') return undefined;
  const match = /^built package from: (\S+) (\S+)$/.exec(entry.sourceInfo.trim());
  if (!match) return undefined;
  const version = type === 'rpm' ? match[2]!.replace(/^\d+:/, '') : match[2]!;
  return { name: match[1]!, version };
}

/**
 * Syft's purl qualifier `upstream`: for dpkg and apk `NAME` or `NAME@VERSION` (the version only when it differs from
 * the package's), for rpm the source rpm's file name, `NAME-VERSION-RELEASE.src.rpm`.
 */
function upstreamSource(upstream: string | undefined, pkg: Package): SourcePackage | undefined {
  if (!upstream) return undefined;
  if (pkg.type === 'rpm') {
    const match = /^(.+)-([^-]+-[^-]+)\.(?:src|nosrc)\.rpm$/.exec(upstream);
    return match ? { name: match[1]!, version: match[2]! } : undefined;
  }
  const at = upstream.indexOf('@');
  return at < 0
    ? { name: upstream, version: pkg.version }
    : { name: upstream.slice(0, at), version: upstream.slice(at + 1) };
}

/**
 * The declared licence (else the concluded one), split at its top-level ANDs as the writer joins several licences; a
 * lone LicenseRef- the document declares with a name or text becomes that text.
 */
function licensesOf(entry: Json, extracted: Map<string, string>): License[] {
  const expression = [entry.licenseDeclared, entry.licenseConcluded].find(
    (value): value is string =>
      typeof value === 'string' &&
      value.trim() !== '' &&
      value !== 'NOASSERTION' &&
      value !== 'NONE',
  );
  if (expression === undefined) return [];
  return splitAnd(expression).map((term): License => {
    const text = /^LicenseRef-[A-Za-z0-9.-]+$/.test(term) ? extracted.get(term) : undefined;
    return text === undefined ? { expression: term } : { text };
  });
}

function splitAnd(expression: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && expression.startsWith(' AND ', i)) {
      terms.push(expression.slice(start, i));
      start = i + ' AND '.length;
    }
  }
  terms.push(expression.slice(start));
  return terms.map(unwrap).filter((term) => term !== '');
}

/** A term without the parentheses around the whole of it. */
function unwrap(term: string): string {
  let text = term.trim();
  while (text.startsWith('(') && text.endsWith(')') && closesAtEnd(text))
    text = text.slice(1, -1).trim();
  return text;
}

/** Whether the '(' at the start is closed by the ')' at the end, not earlier. */
function closesAtEnd(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/**
 * The OS as other tools' purls name it when no OPERATING_SYSTEM package does: the most common `distro` qualifier of the
 * OS packages (`debian-12`, `rhel-9.3`, or a bare `3.19.1` whose family is the purl namespace, as for apk).
 */
function osFromPurls(packages: Package[]): OsInfo | undefined {
  const counts = new Map<string, { count: number; namespace: string | undefined }>();
  for (const pkg of packages) {
    if (!isOsPackageType(pkg.type)) continue;
    const purl = parsePurl(pkg.purl);
    const distro = purl?.qualifiers?.distro;
    if (!distro) continue;
    const seen = counts.get(distro);
    counts.set(distro, { count: (seen?.count ?? 0) + 1, namespace: purl.namespace });
  }
  const [best] = [...counts].sort(([a, x], [b, y]) => y.count - x.count || compareText(a, b));
  if (!best) return undefined;
  const [distro, { namespace }] = best;
  const named = /^([A-Za-z][\w.-]*?)-(\d[^-]*)$/.exec(distro);
  if (named) return { family: named[1]!.toLowerCase(), version: named[2]!, source: '' };
  if (/^\d/.test(distro) && namespace) return { family: namespace, version: distro, source: '' };
  return { family: distro.toLowerCase(), source: '' };
}
