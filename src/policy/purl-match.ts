// Package URLs as patterns: a purl in a suppression names a package, and leaves out the parts that may be anything.
// purl spec: https://github.com/package-url/purl-spec (PURL-SPECIFICATION.rst); parsed by packageurl-js.

import { PackageURL } from 'packageurl-js';

/** A parsed purl, as plain data: the parts are decoded and normalised as packageurl-js does for the type. */
export interface PurlParts {
  /** The purl as written. */
  text: string;
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
  subpath?: string;
}

/** The parts of a purl, or undefined when the text is not one. */
export function parsePurl(text: string): PurlParts | undefined {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch {
    return undefined;
  }
  const parts: PurlParts = { text, type: purl.type, name: purl.name, qualifiers: {} };
  if (purl.namespace) parts.namespace = purl.namespace;
  if (purl.version) parts.version = purl.version;
  if (purl.subpath) parts.subpath = purl.subpath;
  for (const [key, value] of Object.entries(purl.qualifiers ?? {})) {
    if (value) parts.qualifiers[key] = value;
  }
  return parts;
}

/**
 * Whether `actual` is a package `pattern` names: type, namespace and name must be equal; the version, each qualifier
 * and the subpath only when the pattern gives them. So `pkg:deb/debian/libwebp7` names every version and
 * architecture of libwebp7, and `pkg:deb/debian/libwebp7?arch=amd64` only the amd64 ones.
 */
export function purlMatches(pattern: PurlParts, actual: PurlParts): boolean {
  if (pattern.type !== actual.type) return false;
  if ((pattern.namespace ?? '') !== (actual.namespace ?? '')) return false;
  if (pattern.name !== actual.name) return false;
  if (pattern.version !== undefined && pattern.version !== actual.version) return false;
  if (pattern.subpath !== undefined && pattern.subpath !== actual.subpath) return false;
  for (const [key, value] of Object.entries(pattern.qualifiers)) {
    if (actual.qualifiers[key] !== value) return false;
  }
  return true;
}
