// Splits a source rpm file name into the source package's name and VERSION-RELEASE.
// Naming: NAME-VERSION-RELEASE.src.rpm (https://rpm-software-management.github.io/rpm/manual/spec.html, rpm's SOURCERPM tag).

const SOURCE_SUFFIX = /\.(?:no)?src\.rpm$/;

/**
 * `util-linux-2.32.1-42.el8_8.src.rpm` -> { name: 'util-linux', version: '2.32.1-42.el8_8' }. rpm forbids '-' in
 * VERSION and RELEASE, so the last two dashes are the separators. Undefined for a name that does not have that shape.
 */
export function parseSourceRpm(fileName: string): { name: string; version: string } | undefined {
  const base = fileName.replace(SOURCE_SUFFIX, '');
  if (base === fileName) return undefined;
  const releaseDash = base.lastIndexOf('-');
  const versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
  if (versionDash <= 0 || releaseDash === base.length - 1 || versionDash + 1 === releaseDash) {
    return undefined;
  }
  return { name: base.slice(0, versionDash), version: base.slice(versionDash + 1) };
}
