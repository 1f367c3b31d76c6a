// The inventory of one target: what the analyzers found, in the plain form every later stage reads.

import type { LayerRef } from './layer.js';
import type { OsInfo } from './os.js';
import type { Package } from './package.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** The parts of an OCI image configuration later checks need. https://github.com/opencontainers/image-spec/blob/main/config.md */
export interface ImageConfigSummary {
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
  env?: string[];
  workingDir?: string;
  exposedPorts?: string[];
  labels?: Record<string, string>;
  created?: string;
  /** HEALTHCHECK: Docker's `Healthcheck.Test` (`["NONE"]` disables one inherited from the base). */
  healthcheck?: string[];
  /** Every history step, empty layers (ENV, USER, ARG ...) included, oldest first. */
  history?: HistoryStep[];
}

/** One step of the image history (https://github.com/opencontainers/image-spec/blob/main/config.md#properties). */
export interface HistoryStep {
  createdBy: string;
  /** Whether the step made no layer (metadata only). */
  emptyLayer: boolean;
}

export interface TargetInfo {
  /** The target as the user gave it. */
  input: string;
  kind: 'image' | 'rootfs';
  /** A human name: the image reference or tag, or the directory. */
  name: string;
  /** Config digest ("sha256:..."), the image id. */
  imageId?: string;
  /** Digest of the manifest the image was read from. */
  manifestDigest?: string;
  repoTags?: string[];
  platform?: Platform;
  config?: ImageConfigSummary;
  layers: LayerRef[];
}

export interface Inventory {
  target: TargetInfo;
  os?: OsInfo;
  /** Sorted by type, name, version, arch. */
  packages: Package[];
  /** Problems that did not stop the scan (unreadable entries, skipped files), sorted. */
  warnings: string[];
  /** Facts for the hardening checks, by the analyzer that gathered them (only when such analyzers ran). */
  evidence?: Record<string, unknown>;
}
