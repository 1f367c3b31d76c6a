// What every image configuration check reads (inventory, configuration, parsed history) and where its findings point,
// named by the OCI image config's fields: https://github.com/opencontainers/image-spec/blob/main/config.md

import type { FindingLocation } from '../../model/finding.js';
import type { ImageConfigSummary, Inventory } from '../../model/inventory.js';
import { parseHistory, type ParsedStep } from './history.js';

/** A secret engine over one piece of text: each match's rule and the match with its middle masked. */
export type SecretScan = (text: string) => { rule: string; masked: string }[];

export interface CheckContext {
  inventory: Inventory;
  /** Absent for a root filesystem or an SBOM without one: the configuration checks then say nothing. */
  config: ImageConfigSummary | undefined;
  steps: ParsedStep[];
  secretScan: SecretScan | undefined;
}

export function checkContext(inventory: Inventory, secretScan?: SecretScan): CheckContext {
  const config = inventory.target.config;
  return {
    inventory,
    config,
    steps: config ? parseHistory(config.history ?? [], inventory.target.layers.length) : [],
    secretScan,
  };
}

/** `history[5].created_by`, plus the layer when the step made one. */
export function stepLocation(step: ParsedStep): FindingLocation {
  const location: FindingLocation = { jsonPath: `history[${step.index}].created_by` };
  if (step.layer !== undefined) location.layer = step.layer;
  return location;
}

/** A configuration field's JSON path with a map key (`config.Labels["a.b"]`). */
export function keyedPath(field: string, key: string): string {
  return `${field}[${JSON.stringify(key)}]`;
}

/** The last history step of an instruction (`USER`, `EXPOSE` ...), which set the value the configuration holds. */
export function lastStepOf(
  steps: readonly ParsedStep[],
  instruction: string,
  matches: (step: ParsedStep) => boolean = () => true,
): ParsedStep | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.instruction === instruction && matches(step)) return step;
  }
  return undefined;
}
