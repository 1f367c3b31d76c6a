// Reads a CycloneDX JSON BOM back into an Inventory: exactly for BOMs Seawall wrote (its `seawall:` properties carry
// what CycloneDX has no field for), as well as it can from the purls of other tools' BOMs. https://cyclonedx.org/docs/1.6/json/

import { PackageURL } from 'packageurl-js';
import { InputError } from '../errors.js';
import type { ImageConfigSummary, Inventory, Platform, TargetInfo } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import type { License } from '../model/license.js';
import type { OsInfo } from '../model/os.js';
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

type Json = Record<string, unknown>;

/** The Inventory a BOM describes. Throws InputError (naming `subject`) when `json` is not a CycloneDX BOM. */
export function inventoryFromCycloneDx(json: unknown, subject = 'CycloneDX BOM'): Inventory {
  const read = new BomReader(subject);
  const doc = read.object(json, 'the document');
  if (doc.bomFormat !== 'CycloneDX')
    read.fail('not a CycloneDX BOM (bomFormat is not "CycloneDX")');
  const metadata = read.optionalObject(doc.metadata, 'metadata');
  const root = read.optionalObject(metadata?.component, 'metadata.component');
  const warnings = read.properties(metadata?.properties, 'metadata.properties').all(PROP.warning);

  let os: OsInfo | undefined;
  const packages: { pkg: Package; ref: string | undefined }[] = [];
  let skipped = 0;
  read.array(doc.components, 'components').forEach((item, i) => {
    const component = read.object(item, `components[${i}]`);
    if (component.type === 'operating-system') {
      os ??= read.os(component, `components[${i}]`);
      return;
    }
    const pkg = read.package(component, `components[${i}]`);
    if (pkg)
      packages.push({
        pkg,
        ref: read.optionalString(component['bom-ref'], `components[${i}].bom-ref`),
      });
    else skipped++;
  });
  if (skipped > 0) {
    warnings.push(
      `${subject}: skipped ${skipped} components whose purl type Seawall does not model`,
    );
  }

  const purlOfRef = new Map<string, string>();
  for (const { pkg, ref } of packages) if (ref !== undefined) purlOfRef.set(ref, pkg.purl);
  const dependsOnByRef = new Map<string, string[]>();
  read.array(doc.dependencies, 'dependencies').forEach((item, i) => {
    const where = `dependencies[${i}]`;
    const dependency = read.object(item, where);
    const ref = read.string(dependency.ref, `${where}.ref`);
    const targets = read
      .array(dependency.dependsOn, `${where}.dependsOn`)
      .map((target, j) => read.string(target, `${where}.dependsOn[${j}]`));
    dependsOnByRef.set(ref, [...(dependsOnByRef.get(ref) ?? []), ...targets]);
  });
  for (const { pkg, ref } of packages) {
    const purls = (ref === undefined ? [] : (dependsOnByRef.get(ref) ?? []))
      .map((target) => purlOfRef.get(target))
      .filter((purl): purl is string => purl !== undefined);
    pkg.dependsOn = [...new Set(purls)];
  }

  const inventory: Inventory = {
    target: read.target(root),
    packages: packages.map(({ pkg }) => pkg),
    warnings,
  };
  if (os) inventory.os = os;
  return canonicalInventory(inventory);
}

/** Multi-valued view of a CycloneDX properties list. */
class Properties {
  constructor(private readonly values: Map<string, string[]>) {}

  all(name: string): string[] {
    return [...(this.values.get(name) ?? [])];
  }

  one(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  startingWith(prefix: string): [string, string][] {
    return [...this.values]
      .filter(([name]) => name.startsWith(prefix))
      .flatMap(([name, values]) => values.map((value): [string, string] => [name, value]));
  }
}

/** Shape checks that turn a malformed BOM into one InputError line naming the field at fault. */
class BomReader {
  constructor(private readonly subject: string) {}

  fail(problem: string): never {
    throw new InputError(this.subject, problem);
  }

  object(value: unknown, where: string): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(`${where} is not an object`);
    }
    return value as Json;
  }

  optionalObject(value: unknown, where: string): Json | undefined {
    return value === undefined ? undefined : this.object(value, where);
  }

  array(value: unknown, where: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(`${where} is not a list`);
    return value;
  }

  string(value: unknown, where: string): string {
    if (typeof value !== 'string') this.fail(`${where} is not a string`);
    return value;
  }

  optionalString(value: unknown, where: string): string | undefined {
    return value === undefined ? undefined : this.string(value, where);
  }

  count(value: string | undefined, where: string): number | undefined {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) this.fail(`${where} is not a whole number: ${JSON.stringify(value)}`);
    return Number(value);
  }

  properties(value: unknown, where: string): Properties {
    const values = new Map<string, string[]>();
    this.array(value, where).forEach((item, i) => {
      const property = this.object(item, `${where}[${i}]`);
      const name = this.string(property.name, `${where}[${i}].name`);
      const text = this.optionalString(property.value, `${where}[${i}].value`) ?? '';
      values.set(name, [...(values.get(name) ?? []), text]);
    });
    return new Properties(values);
  }

  target(component: Json | undefined): TargetInfo {
    if (!component) return { input: this.subject, kind: 'rootfs', name: this.subject, layers: [] };
    const where = 'metadata.component';
    const props = this.properties(component.properties, `${where}.properties`);
    const name = this.string(component.name, `${where}.name`);
    const kindProp = props.one(PROP.targetKind);
    if (kindProp !== undefined && kindProp !== 'image' && kindProp !== 'rootfs') {
      this.fail(`${PROP.targetKind} is neither image nor rootfs: ${JSON.stringify(kindProp)}`);
    }
    const target: TargetInfo = {
      input: props.one(PROP.targetInput) ?? name,
      kind: kindProp ?? (component.type === 'container' ? 'image' : 'rootfs'),
      name,
      layers: this.layers(props),
    };
    const imageId = props.one(PROP.imageId);
    if (imageId !== undefined) target.imageId = imageId;
    const manifestDigest = props.one(PROP.manifestDigest);
    if (manifestDigest !== undefined) target.manifestDigest = manifestDigest;
    const repoTags = props.all(PROP.repoTag);
    if (repoTags.length > 0) target.repoTags = repoTags;
    const platformOs = props.one(PROP.platformOs);
    const architecture = props.one(PROP.platformArchitecture);
    if (platformOs !== undefined && architecture !== undefined) {
      const platform: Platform = { os: platformOs, architecture };
      const variant = props.one(PROP.platformVariant);
      if (variant !== undefined) platform.variant = variant;
      target.platform = platform;
    }
    const config = props.one(PROP.imageConfig);
    if (config !== undefined) target.config = this.imageConfig(config);
    return target;
  }

  imageConfig(text: string): ImageConfigSummary {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.fail(`${PROP.imageConfig} is not JSON`);
    }
    return this.object(parsed, PROP.imageConfig) as ImageConfigSummary;
  }

  layers(props: Properties): LayerRef[] {
    const byIndex = new Map<number, Record<string, string>>();
    for (const [name, value] of props.startingWith(PROP.targetLayerPrefix)) {
      const match = /^(\d+):(\w+)$/.exec(name.slice(PROP.targetLayerPrefix.length));
      if (!match || !(LAYER_FIELDS as readonly string[]).includes(match[2]!)) {
        this.fail(`unknown layer property ${name}`);
      }
      const index = Number(match[1]);
      byIndex.set(index, { ...byIndex.get(index), [match[2]!]: value });
    }
    return [...byIndex]
      .sort(([a], [b]) => a - b)
      .map(([index, fields]) => {
        const where = `${PROP.targetLayerPrefix}${index}`;
        const diffId = fields.diffId;
        if (diffId === undefined) this.fail(`${where} has no diffId`);
        const layer: LayerRef = { index, diffId };
        if (fields.digest !== undefined) layer.digest = fields.digest;
        if (fields.mediaType !== undefined) layer.mediaType = fields.mediaType;
        const size = this.count(fields.size, `${where}:size`);
        if (size !== undefined) layer.size = size;
        if (fields.createdBy !== undefined) layer.createdBy = fields.createdBy;
        return layer;
      });
  }

  os(component: Json, where: string): OsInfo {
    const props = this.properties(component.properties, `${where}.properties`);
    const os: OsInfo = {
      family: this.string(component.name, `${where}.name`),
      source: props.one(PROP.osSource) ?? '',
    };
    const version = this.optionalString(component.version, `${where}.version`);
    if (version !== undefined) os.version = version;
    const codename = props.one(PROP.osCodename);
    if (codename !== undefined) os.codename = codename;
    const prettyName = this.optionalString(component.description, `${where}.description`);
    if (prettyName !== undefined) os.prettyName = prettyName;
    return os;
  }

  /** The package a component describes, or undefined when it is not an OS package Seawall models. */
  package(component: Json, where: string): Package | undefined {
    const purl = this.optionalString(component.purl, `${where}.purl`);
    if (purl === undefined) return undefined;
    const props = this.properties(component.properties, `${where}.properties`);
    const parsed = parsePurl(purl);
    const type = props.one(PROP.packageType) ?? parsed?.type;
    if (!PACKAGE_TYPES.includes(type as PackageType)) return undefined;

    // Only rpm keeps its epoch apart; a dpkg epoch stays inside the version, as dpkg writes it.
    const epoch = this.count(
      props.one(PROP.packageEpoch) ?? (type === 'rpm' ? parsed?.qualifiers?.epoch : undefined),
      `${where} epoch`,
    );
    let version = this.optionalString(component.version, `${where}.version`) ?? '';
    if (epoch && version.startsWith(`${epoch}:`)) version = version.slice(`${epoch}:`.length);

    const pkg: Package = {
      type: type as PackageType,
      name: this.string(component.name, `${where}.name`),
      version,
      licenses: this.licenses(component.licenses, `${where}.licenses`),
      purl,
      files: props.one(PROP.packageFiles)?.split('\n') ?? props.all(PROP.packageFile),
      dependsOn: [],
      foundBy: props.one(PROP.foundBy) ?? 'cyclonedx',
      location: props.one(PROP.location) ?? '',
    };
    if (epoch !== undefined) pkg.epoch = epoch;
    const arch = props.one(PROP.packageArch) ?? parsed?.qualifiers?.arch;
    if (arch !== undefined) pkg.arch = arch;
    const source =
      sourcePackage(props.one(PROP.sourceName), props.one(PROP.sourceVersion)) ??
      trivySource(props, pkg.type);
    if (source) pkg.source = source;
    const layer = this.count(props.one(PROP.packageLayer), `${where} ${PROP.packageLayer}`);
    if (layer !== undefined) pkg.layer = layer;
    const supplier = this.optionalObject(component.supplier, `${where}.supplier`);
    const maintainer =
      this.optionalString(component.publisher, `${where}.publisher`) ??
      this.optionalString(supplier?.name, `${where}.supplier.name`);
    if (maintainer !== undefined) pkg.maintainer = maintainer;
    const description = this.optionalString(component.description, `${where}.description`);
    if (description !== undefined) pkg.description = description;
    const managedType = props.one(PROP.managedByType);
    const managedPurl = props.one(PROP.managedByPurl);
    if (managedType !== undefined && managedPurl !== undefined) {
      if (!isOsPackageType(managedType))
        this.fail(`${where}: ${PROP.managedByType} is not an OS package type: ${managedType}`);
      pkg.managedBy = { type: managedType, purl: managedPurl };
    }
    const confidence = props.one(PROP.confidence);
    if (confidence !== undefined) {
      if (confidence !== 'high' && confidence !== 'medium' && confidence !== 'low')
        this.fail(`${where}: ${PROP.confidence} is ${confidence}`);
      pkg.confidence = confidence;
    }
    const extra = props.startingWith(PROP.packagePropertyPrefix);
    if (extra.length > 0)
      pkg.properties = Object.fromEntries(
        extra.map(([name, value]) => [name.slice(PROP.packagePropertyPrefix.length), value]),
      );
    return pkg;
  }

  /** The inverse of the writer's licence mapping (src/sbom/cyclonedx.ts). */
  licenses(value: unknown, where: string): License[] {
    return this.array(value, where).map((item, i): License => {
      const choice = this.object(item, `${where}[${i}]`);
      if (choice.expression !== undefined) {
        return { expression: this.string(choice.expression, `${where}[${i}].expression`) };
      }
      const license = this.object(choice.license, `${where}[${i}].license`);
      const props = this.properties(license.properties, `${where}[${i}].license.properties`);
      const expression = props.one(PROP.licenseExpression);
      if (expression !== undefined) {
        const text = props.one(PROP.licenseText);
        return text === undefined ? { expression } : { expression, text };
      }
      if (license.id !== undefined) {
        return { expression: this.string(license.id, `${where}[${i}].license.id`) };
      }
      return { text: this.string(license.name, `${where}[${i}].license.name`) };
    });
  }
}

/**
 * The source package as Trivy's BOMs carry it (aquasecurity:trivy:Src* properties), in the Inventory's form: a dpkg
 * source version with its epoch in front, an rpm one as VERSION-RELEASE.
 */
function trivySource(props: Properties, type: PackageType): SourcePackage | undefined {
  const version = props.one('aquasecurity:trivy:SrcVersion');
  const epoch = props.one('aquasecurity:trivy:SrcEpoch');
  const release = props.one('aquasecurity:trivy:SrcRelease');
  let full = version;
  if (version !== undefined && type === 'deb' && epoch && epoch !== '0')
    full = `${epoch}:${version}`;
  if (version !== undefined && type === 'rpm' && release) full = `${version}-${release}`;
  return sourcePackage(props.one('aquasecurity:trivy:SrcName'), full);
}

type SourcePackage = NonNullable<Package['source']>;

function sourcePackage(
  name: string | undefined,
  version: string | undefined,
): SourcePackage | undefined {
  return name === undefined || version === undefined ? undefined : { name, version };
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}
