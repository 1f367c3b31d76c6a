// Package URLs for Go modules and the standard library, and the module version of a Go toolchain release.
// purl type golang: https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#golang; Go versions: https://go.dev/doc/toolchain#version

import { packageUrl } from '../purl.js';

/** The name Go's vulnerability database and the tools that read it give the standard library. */
export const GO_STDLIB = 'stdlib';

/**
 * `pkg:golang/NAMESPACE/NAME@VERSION`: the module path split at its last slash. Case is kept: module paths are
 * case-sensitive (github.com/Azure/... and github.com/azure/... are different modules), as Trivy and Syft keep it.
 */
export function goPackageUrl(modulePath: string, version: string): string {
  const slash = modulePath.lastIndexOf('/');
  const namespace = slash > 0 ? modulePath.slice(0, slash) : undefined;
  const name = slash > 0 ? modulePath.slice(slash + 1) : modulePath;
  return packageUrl('golang', namespace, name, version);
}

const RELEASE = /^go1\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

/**
 * The standard library's module-style version for a toolchain version: go1.19.8 -> v1.19.8, go1.20 -> v1.20.0,
 * go1.21rc2 -> v1.21.0-rc.2 (the form the Go vulnerability database uses). A suffix after a space (`X:boringcrypto`)
 * is an experiment flag, not part of the release. Undefined for development builds (`devel go1.22-abcdef ...`).
 */
export function goStdlibVersion(goVersion: string): string | undefined {
  const release = goVersion.split(' ')[0]!;
  const match = RELEASE.exec(release);
  if (!match) return undefined;
  const [, minor, patch, pre, preNumber] = match;
  const base = `v1.${minor}.${patch ?? '0'}`;
  return pre ? `${base}-${pre}.${preNumber}` : base;
}

/** Whether a main module version names a release rather than a local build: `(devel)` and '' do not. */
export function isRealModuleVersion(version: string): boolean {
  return version !== '' && version !== '(devel)';
}
