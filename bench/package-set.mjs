// The dpkg package set (name and version) an SBOM reports, read from CycloneDX JSON through the components'
// purls, so that two tools' SBOMs can be compared. Purl spec: https://github.com/package-url/purl-spec

import { readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';

/**
 * Every `pkg:deb` component of a CycloneDX document (nested ones too), as sorted "name version" strings.
 * Tools differ in where the Debian epoch goes (in the version, or as the `epoch` qualifier), so the version is
 * rebuilt in dpkg's own `epoch:upstream-revision` form, without a 0 epoch.
 * @param {string} file a CycloneDX JSON file
 * @returns {string[]}
 */
export function debPackageSet(file) {
  const bom = JSON.parse(readFileSync(file, 'utf8'));
  const found = new Set();
  const visit = (components) => {
    for (const component of components ?? []) {
      if (typeof component.purl === 'string' && component.purl.startsWith('pkg:deb/')) {
        found.add(debNameVersion(PackageURL.fromString(component.purl)));
      }
      visit(component.components);
    }
  };
  visit(bom.components);
  return [...found].sort();
}

/** @param {PackageURL} purl */
function debNameVersion(purl) {
  const version = purl.version ?? '';
  const epoch = purl.qualifiers?.epoch;
  const withEpoch =
    epoch && epoch !== '0' && !version.includes(':') ? `${epoch}:${version}` : version;
  return `${purl.name} ${withEpoch}`;
}

/**
 * What one set has that the other lacks; both empty when they are the same.
 * @param {string[]} left
 * @param {string[]} right
 */
export function setDifference(left, right) {
  const rightSet = new Set(right);
  const leftSet = new Set(left);
  return {
    onlyLeft: left.filter((entry) => !rightSet.has(entry)),
    onlyRight: right.filter((entry) => !leftSet.has(entry)),
  };
}
