// Seawall's library API: what the CLI calls, for other programs to call too.

export {
  buildInventory,
  buildInventoryWithStats,
  inventoryOf,
  type ScanOptions,
  type ScanStats,
} from './scan/build-inventory.js';
export {
  openTarget,
  parseTarget,
  type ParsedTarget,
  type TargetKind,
} from './source/open-target.js';
export type {
  Source,
  ImageSource,
  RootfsSource,
  SourceOptions,
  LayerBlob,
} from './source/source.js';
export { FileTree } from './source/file-tree.js';
export { squashLayers } from './source/squash.js';
export { DEFAULT_LIMITS, type ReadLimits } from './source/entry.js';
export { defaultAnalyzers } from './analyze/registry.js';
export type { Analyzer, AnalyzerResult, AssembleInput, FactVersion } from './analyze/analyzer.js';
export { renderInventory, SBOM_FORMATS, type SbomFormat } from './sbom/index.js';
export { inventoryFromCycloneDx } from './sbom/cyclonedx-reader.js';
export { runSbomJob, type SbomJobOptions, type SbomJobResult } from './jobs/sbom-job.js';
export { InputError } from './errors.js';
export type { Inventory, TargetInfo, ImageConfigSummary, Platform } from './model/inventory.js';
export type { Package, PackageType } from './model/package.js';
export type { License } from './model/license.js';
export type { OsInfo } from './model/os.js';
export type { LayerRef, FileEntry, EntryType } from './model/layer.js';
export { SEAWALL_VERSION } from './version.js';
export {
  runScanJob,
  scanInventory,
  type ScanJobOptions,
  type ScanJobResult,
} from './jobs/scan-job.js';
export {
  matchInventory,
  type MatchOptions,
  type Detection,
} from './detect/vulnerabilities/match.js';
export type {
  ScanReport,
  VulnerabilityFinding,
  ReportPackage,
  ReportTarget,
  FindingStatus,
  Suppression,
} from './detect/scan-report.js';
export { renderScanReport } from './report/render-scan.js';
export { SCAN_FORMATS, type ScanFormat } from './report/formats.js';
export { compareVersions, versionScheme, VERSION_ECOSYSTEMS } from './version/index.js';
export { VulnDatabase, type DatabaseStatus } from './vulndb/database.js';
export { importSources, type ImportOptions } from './vulndb/import-sources.js';
export { updateDatabase, type UpdateOptions } from './vulndb/update.js';
export { DEFAULT_FEED_SOURCES, type FeedSource } from './vulndb/sources-config.js';
export { buildBundledDatabase, defaultDbPath, openScanDatabase } from './vulndb/bundled.js';
export { importPath } from './vulndb/import/import-path.js';
export type { AdvisoryRecord, ImportSink, Severity } from './vulndb/advisory.js';
export { inventoryFromSbomFile } from './sbom/read-sbom.js';
