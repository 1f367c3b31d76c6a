// Seawall's own version, from package.json, for SBOM tool metadata and `--version`.

import { readFileSync } from 'node:fs';

export const SEAWALL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
