// Seawall's own version, from package.json, for SBOM tool metadata and `--version`; and the build's identity,
// which keys caches of results that any code change could alter.
// Found by walking up from this module, which sits at a different depth in dist/ and in the dist/bundle/ CLI.

import { existsSync, readFileSync } from 'node:fs';

function packageRoot(): URL | undefined {
  for (let dir = new URL('./', import.meta.url); ;) {
    const manifest = new URL('package.json', dir);
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (pkg.name === 'seawall') return dir;
    }
    const parent = new URL('../', dir);
    if (parent.href === dir.href) return undefined;
    dir = parent;
  }
}

const root = packageRoot();

export const SEAWALL_VERSION: string = root
  ? (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version
  : '0.0.0';

/**
 * A digest of the sources this build was made from (dist/build-id.txt, written by `npm run build`), so that a cached
 * result from other code is never reused; the version alone when the file is missing.
 */
export const SEAWALL_BUILD: string = (() => {
  const file = root && new URL('dist/build-id.txt', root);
  return file && existsSync(file)
    ? `${SEAWALL_VERSION}+${readFileSync(file, 'utf8').trim()}`
    : SEAWALL_VERSION;
})();
