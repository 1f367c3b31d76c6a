// The formats `seawall scan` writes its report in, apart from their renderers so that the CLI can name them without
// loading any. Each is described in its renderer (src/report/); the JSON contract in docs/scan-json.md.

export const SCAN_FORMATS = ['table', 'json', 'sarif', 'cyclonedx', 'junit'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];
