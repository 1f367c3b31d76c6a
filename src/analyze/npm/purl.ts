// Package URLs for npm packages: the scope is the namespace (`pkg:npm/%40scope/name@1.0.0`).
// purl spec, type npm: https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#npm

import { packageUrl } from '../purl.js';

/** packageurl-js lowercases the name and percent-encodes the scope's '@', as the npm type's rules ask. */
export function npmPackageUrl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  if (slash < 0) return packageUrl('npm', undefined, name, version);
  return packageUrl('npm', name.slice(0, slash), name.slice(slash + 1), version);
}
