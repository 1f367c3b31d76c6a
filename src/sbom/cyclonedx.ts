// The Inventory as a CycloneDX 1.6 JSON BOM, built as the CycloneDX library's models and written by its serializer.
// Spec: https://cyclonedx.org/docs/1.6/json/ ; library: https://github.com/CycloneDX/cyclonedx-javascript-library
//
// Choices, so that the BOM is reproducible and reads back losslessly (src/sbom/cyclonedx-reader.ts):
// - Lists are written in the canonical order of src/sbom/canonical.ts; the library's own sorting (localeCompare) is
//   left off because it depends on the locale.
// - No timestamp unless one is given. serialNumber is a UUID derived from the SHA-256 of the BOM written without it,
//   so equal inventories give equal BOMs and a BOM with a different content or timestamp gets a different serial.
// - Dependency graph as Trivy draws it: the target depends on the OS component, the OS component on every OS
//   package (the target directly on the packages when no OS was recognised), and each package on the packages its
//   package manager says it needs.
// - Whatever CycloneDX has no field for rides in `seawall:` properties (src/sbom/cyclonedx-properties.ts), the
//   package's file list included, one property per file.

// Sub-path imports: the package root also loads its JSON-schema validators (ajv), which costs ~50 ms at start.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type { Inventory, TargetInfo } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import type { License } from '../model/license.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import { canonicalInventory } from './canonical.js';
import { OS_REF, PROP, TARGET_REF, targetFacts } from './cyclonedx-properties.js';
import { uuidFromContent } from './deterministic-id.js';
import { displayVersion } from './display-version.js';

export interface CycloneDxOptions {
  /** Written as metadata.timestamp; left out when absent so that output is reproducible. */
  timestamp?: Date;
  /** Seawall's version, for metadata.tools. */
  toolVersion: string;
}

/** The inventory as CycloneDX 1.6 JSON text, two-space indented, ending in a newline. */
export function renderCycloneDx(inventory: Inventory, options: CycloneDxOptions): string {
  const bom = buildCycloneDxBom(inventory, options);
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  );
  bom.serialNumber = `urn:uuid:${uuidFromContent(serializer.serialize(bom, { space: 2 }))}`;
  return `${serializer.serialize(bom, { space: 2 })}\n`;
}

/** The BOM model, without a serial number (renderCycloneDx derives it from the rest). */
export function buildCycloneDxBom(inventory: Inventory, options: CycloneDxOptions): Models.Bom {
  const canonical = canonicalInventory(inventory);
  const root = targetComponent(canonical.target);
  const bom = new Models.Bom({
    metadata: new Models.Metadata({
      timestamp: options.timestamp,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, 'seawall', {
            version: options.toolVersion,
          }),
        ]),
      }),
      component: root,
      properties: properties(canonical.warnings.map((w) => [PROP.warning, w])),
    }),
  });

  let packageParent = root;
  if (canonical.os) {
    const os = osComponent(canonical.os);
    bom.components.add(os);
    root.dependencies.add(os.bomRef);
    packageParent = os;
  }

  const layers = new Map(canonical.target.layers.map((layer) => [layer.index, layer]));
  const byPurl = new Map<string, Models.Component>();
  const usedRefs = new Set<string>([TARGET_REF, OS_REF]);
  const components = canonical.packages.map((pkg) => {
    const component = packageComponent(pkg, uniqueRef(pkg.purl, usedRefs), layers);
    if (!byPurl.has(pkg.purl)) byPurl.set(pkg.purl, component);
    bom.components.add(component);
    packageParent.dependencies.add(component.bomRef);
    return component;
  });
  canonical.packages.forEach((pkg, i) => {
    for (const purl of pkg.dependsOn) {
      // The library drops refs it cannot resolve; it wants the very BomRef object of the component depended on.
      const dependency = byPurl.get(purl);
      if (dependency) components[i]!.dependencies.add(dependency.bomRef);
    }
  });
  return bom;
}

/** bom-ref is the purl; a purl seen twice (one package found in two databases) gets a numbered suffix. */
function uniqueRef(purl: string, used: Set<string>): string {
  let ref = purl;
  for (let n = 2; used.has(ref); n++) ref = `${purl}#${n}`;
  used.add(ref);
  return ref;
}

function targetComponent(target: TargetInfo): Models.Component {
  const entries = targetFacts(target);
  const isImage = target.kind === 'image';
  return new Models.Component(
    isImage ? Enums.ComponentType.Container : Enums.ComponentType.File,
    target.name,
    {
      bomRef: TARGET_REF,
      version: isImage ? (target.manifestDigest ?? target.imageId) : undefined,
      properties: properties(entries),
    },
  );
}

function osComponent(os: OsInfo): Models.Component {
  return new Models.Component(Enums.ComponentType.OperatingSystem, os.family, {
    bomRef: OS_REF,
    version: os.version,
    description: os.prettyName,
    properties: properties([
      [PROP.osCodename, os.codename],
      [PROP.osSource, os.source],
    ]),
  });
}

function packageComponent(
  pkg: Package,
  ref: string,
  layers: Map<number, LayerRef>,
): Models.Component {
  const layer = pkg.layer === undefined ? undefined : layers.get(pkg.layer);
  return new Models.Component(Enums.ComponentType.Library, pkg.name, {
    bomRef: ref,
    version: displayVersion(pkg),
    purl: pkg.purl,
    description: pkg.description,
    publisher: pkg.maintainer,
    licenses: licenseRepository(pkg.licenses),
    properties: properties([
      [PROP.packageType, pkg.type],
      [PROP.packageArch, pkg.arch],
      [PROP.packageEpoch, pkg.epoch === undefined ? undefined : String(pkg.epoch)],
      [PROP.sourceName, pkg.source?.name],
      [PROP.sourceVersion, pkg.source?.version],
      [PROP.packageLayer, pkg.layer === undefined ? undefined : String(pkg.layer)],
      [PROP.layerDiffId, layer?.diffId],
      [PROP.layerDigest, layer?.digest],
      [PROP.foundBy, pkg.foundBy],
      [PROP.location, pkg.location],
      [PROP.managedByType, pkg.managedBy?.type],
      [PROP.managedByPurl, pkg.managedBy?.purl],
      [PROP.confidence, pkg.confidence],
      ...Object.entries(pkg.properties ?? {}).map(([name, value]): [string, string] => [
        `${PROP.packagePropertyPrefix}${name}`,
        value,
      ]),
      [PROP.packageFiles, pkg.files.length > 0 ? pkg.files.join('\n') : undefined],
    ]),
  });
}

/**
 * CycloneDX allows either one expression or a list of licences named by SPDX id or by name. A lone expression is
 * written as such (or as an id when it is one); otherwise each License is one entry, and an entry whose id or name
 * alone would lose part of the License carries the rest in `seawall:license:` properties.
 */
function licenseRepository(licenses: License[]): Models.LicenseRepository {
  const repository = new Models.LicenseRepository();
  const only = licenses.length === 1 ? licenses[0] : undefined;
  if (only?.expression !== undefined && only.text === undefined) {
    repository.add(
      SPDX.isSupportedSpdxId(only.expression)
        ? new Models.SpdxLicense(only.expression)
        : new Models.LicenseExpression(only.expression),
    );
    return repository;
  }
  for (const license of licenses) {
    const { expression, text } = license;
    if (expression === undefined) {
      repository.add(new Models.NamedLicense(text ?? ''));
    } else if (text === undefined && SPDX.isSupportedSpdxId(expression)) {
      repository.add(new Models.SpdxLicense(expression));
    } else {
      repository.add(
        new Models.NamedLicense(text ?? expression, {
          properties: properties([
            [PROP.licenseExpression, expression],
            [PROP.licenseText, text],
          ]),
        }),
      );
    }
  }
  return repository;
}

function properties(entries: [string, string | undefined][]): Models.PropertyRepository {
  const repository = new Models.PropertyRepository();
  for (const [name, value] of entries) {
    if (value !== undefined) repository.add(new Models.Property(name, value));
  }
  return repository;
}
