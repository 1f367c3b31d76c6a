// The SBOM and report formats, apart from their renderers so that the CLI can name them without loading any.

export const SBOM_FORMATS = ['cyclonedx', 'spdx', 'json', 'table'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];
