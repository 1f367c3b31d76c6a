// One comparison key per package, so that the ground truth and every tool's SBOM are compared on the same terms:
// (purl type, the ecosystem's normalised name, version). Purl spec: https://github.com/package-url/purl-spec;
// PEP 503 names: https://peps.python.org/pep-0503/#normalized-names

import { PackageURL } from 'packageurl-js';

/** The purl types that name installed packages; a component of any other type (or none) is not a package. */
export const PACKAGE_TYPES = [
  'deb',
  'apk',
  'rpm',
  'npm',
  'pypi',
  'gem',
  'maven',
  'golang',
  'cargo',
  'composer',
  'nuget',
];

/**
 * The comparison key of a package: `type:name@version`, with the name normalised as its ecosystem compares
 * names (case, PEP 503 separators) and the version in one spelling (a Go or Composer `v` prefix dropped).
 * @param {{ type: string, name: string, version: string }} id
 */
export function packageKey({ type, name, version }) {
  return `${type}:${normalName(type, name)}@${normalVersion(type, version)}`;
}

function normalName(type, name) {
  switch (type) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'deb':
    case 'npm':
    case 'gem':
    case 'maven':
    case 'golang':
    case 'composer':
    case 'cargo':
    case 'nuget':
      return name.toLowerCase();
    default:
      return name;
  }
}

function normalVersion(type, version) {
  if (type === 'golang') return version.replace(/^(go|v)/, '');
  if (type === 'composer') return version.replace(/^v/, '');
  if (type === 'pypi') return version.toLowerCase();
  return version;
}

/**
 * What a CycloneDX component's purl identifies, as `{ type, name, version, key }`, or null when the purl is
 * missing, malformed or of a type that does not name a package.
 * @param {string | undefined} purl
 */
export function purlPackage(purl) {
  if (typeof purl !== 'string') return null;
  let parsed;
  try {
    parsed = PackageURL.fromString(purl);
  } catch {
    return null;
  }
  if (!PACKAGE_TYPES.includes(parsed.type)) return null;
  const name = joinedName(parsed);
  const version = purlVersion(parsed);
  return {
    type: parsed.type,
    name,
    version,
    key: packageKey({ type: parsed.type, name, version }),
  };
}

/** The ecosystem's own full name: scope, group, vendor or module path in front of the name. */
function joinedName(purl) {
  if (!purl.namespace) return purl.name;
  switch (purl.type) {
    case 'npm':
    case 'maven':
    case 'golang':
    case 'composer':
      return `${purl.namespace}/${purl.name}`;
    default:
      // deb/rpm/apk namespaces are the vendor (debian, alpine), not part of the package name.
      return purl.name;
  }
}

/** Debian's epoch may sit in the version or in an `epoch` qualifier; dpkg spells it `epoch:version`. */
function purlVersion(purl) {
  const version = purl.version ?? '';
  const epoch = purl.qualifiers?.epoch;
  if (
    ['deb', 'rpm', 'apk'].includes(purl.type) &&
    epoch &&
    epoch !== '0' &&
    !version.includes(':')
  ) {
    return `${epoch}:${version}`;
  }
  return version;
}
