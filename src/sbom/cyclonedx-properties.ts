// The names Seawall gives to CycloneDX properties and bom-refs, shared by the writer and the reader so that a BOM
// reads back into the Inventory it was written from. Property taxonomy: https://cyclonedx.org/docs/1.6/json/#components_items_properties

import type { TargetInfo } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import { canonicalJsonLine } from './canonical.js';

/**
 * Everything the Inventory knows that CycloneDX has no field for. Values are strings; numbers are written in decimal,
 * lists as one property per item in the Inventory's order, the image configuration as sorted-key JSON.
 */
export const PROP = {
  // on metadata.component (the target)
  targetInput: 'seawall:target:input',
  targetKind: 'seawall:target:kind',
  imageId: 'seawall:image:id',
  manifestDigest: 'seawall:image:manifestDigest',
  repoTag: 'seawall:image:repoTag',
  platformOs: 'seawall:image:platform:os',
  platformArchitecture: 'seawall:image:platform:architecture',
  platformVariant: 'seawall:image:platform:variant',
  imageConfig: 'seawall:image:config',
  /** Followed by `<index>:<field>`, one property per field of each layer. */
  targetLayerPrefix: 'seawall:target:layer:',
  // on metadata
  warning: 'seawall:warning',
  // on the operating-system component
  osCodename: 'seawall:os:codename',
  osSource: 'seawall:os:source',
  // on each package component
  packageType: 'seawall:package:type',
  packageArch: 'seawall:package:arch',
  packageEpoch: 'seawall:package:epoch',
  sourceName: 'seawall:package:sourceName',
  sourceVersion: 'seawall:package:sourceVersion',
  packageLayer: 'seawall:package:layer',
  /** Every file of the package, one path a line: one property, not thousands (rendering those cost more than the rest). */
  packageFiles: 'seawall:package:files',
  /** The older form, one property a file: still read. */
  packageFile: 'seawall:package:file',
  /** The introducing layer's ids, for readers that do not have the layer list at hand. */
  layerDiffId: 'seawall:layer:diffId',
  layerDigest: 'seawall:layer:digest',
  foundBy: 'seawall:foundBy',
  location: 'seawall:location',
  managedByType: 'seawall:package:managedBy:type',
  managedByPurl: 'seawall:package:managedBy:purl',
  confidence: 'seawall:package:confidence',
  /** Followed by the property's name: one per entry of Package.properties. */
  packagePropertyPrefix: 'seawall:package:property:',
  // on a licence entry whose CycloneDX form alone would lose part of the Inventory's License
  licenseExpression: 'seawall:license:expression',
  licenseText: 'seawall:license:text',
} as const;

/** The fields of a LayerRef written under PROP.targetLayerPrefix. */
export const LAYER_FIELDS = ['diffId', 'digest', 'mediaType', 'size', 'createdBy'] as const;

/** bom-refs of the two components that are not packages; purls never start with "seawall:", so these cannot clash. */
export const TARGET_REF = 'seawall:target';
export const OS_REF = 'seawall:os';

/** The target's facts as named properties, shared by the CycloneDX properties and the SPDX annotations. */
export function targetFacts(target: TargetInfo): [string, string | undefined][] {
  return [
    [PROP.targetInput, target.input],
    [PROP.targetKind, target.kind],
    [PROP.imageId, target.imageId],
    [PROP.manifestDigest, target.manifestDigest],
    ...(target.repoTags ?? []).map((tag): [string, string] => [PROP.repoTag, tag]),
    [PROP.platformOs, target.platform?.os],
    [PROP.platformArchitecture, target.platform?.architecture],
    [PROP.platformVariant, target.platform?.variant],
    [PROP.imageConfig, target.config && canonicalJsonLine(target.config)],
    ...target.layers.flatMap(layerFacts),
  ];
}

function layerFacts(layer: LayerRef): [string, string | undefined][] {
  return LAYER_FIELDS.map((field) => {
    const value = layer[field];
    return [
      `${PROP.targetLayerPrefix}${layer.index}:${field}`,
      value === undefined ? undefined : String(value),
    ];
  });
}
