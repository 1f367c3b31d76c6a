// Seawall's own version, from package.json, for SBOM tool metadata and `--version`.
// Found by walking up from this module, which sits at a different depth in dist/ and in the dist/bundle/ CLI.

import { existsSync, readFileSync } from 'node:fs';

function readVersion(): string {
  for (let url = new URL('./package.json', import.meta.url); ;) {
    if (existsSync(url)) {
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'seawall' && pkg.version) return pkg.version;
    }
    const parent = new URL('../package.json', url);
    if (parent.href === url.href) return '0.0.0';
    url = parent;
  }
}

export const SEAWALL_VERSION: string = readVersion();
