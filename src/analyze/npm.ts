// The 'npm' analyzer: packages installed in node_modules and Debian's nodejs folders, plus those that application lock
// files name but that are not installed. https://docs.npmjs.com/cli/v10/configuring-npm/package-json (lock formats: npm/)

import { comparePackages, compareText } from '../model/order.js';
import type { Package } from '../model/package.js';
import { isWithin, parentOf } from '../source/paths.js';
import type { Analyzer, AssembleInput, FactVersion } from './analyzer.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';
import { lockedKey, type LockedPackage } from './npm/locked-package.js';
import { InstalledPackages, linkToPackage } from './npm/node-resolution.js';
import { parsePackageJson, type PackageJson } from './npm/package-json.js';
import { parsePackageLock } from './npm/package-lock.js';
import { debianNodeRoot, manifestDir, npmFileRole } from './npm/paths.js';
import { npmPackageUrl } from './npm/purl.js';
import { parsePnpmLock } from './npm/pnpm-lock.js';
import { parseYarnLock } from './npm/yarn-lock.js';

/** A manifest with the identity that makes it a package (parse drops the others). */
export type PackageManifest = PackageJson & { name: string; version: string };

export type NpmFact =
  | { kind: 'installed' | 'local'; manifest: PackageManifest }
  | { kind: 'lock'; packages: LockedPackage[] };

const NAME = 'npm';
/** Property set on packages that a lock file marks as development dependencies. */
export const NPM_DEV_PROPERTY = 'npm.dev';
/** Property naming the node_modules symlink through which a workspace package is installed. */
export const NPM_LINK_PROPERTY = 'npm.link';

export const npmAnalyzer: Analyzer<NpmFact> = {
  name: NAME,
  version: 1,
  // the suffix test first: this runs for every file of every layer
  wants: (path) =>
    (path.endsWith('.json') || path.endsWith('.lock') || path.endsWith('.yaml')) &&
    npmFileRole(path) !== undefined,
  parse(file, warn) {
    const role = npmFileRole(file.path);
    const text = file.content.toString('utf8');
    if (role === 'lock') return { kind: 'lock', packages: parseLock(file.path, text, warn) };
    if (role === undefined) return undefined;
    const manifest = parsePackageJson(text, warn);
    if (!manifest) return undefined;
    // Without both this is no published package: an application's own manifest, or a test fixture that a package
    // ships inside its own node_modules folder (resolve's tests do); neither is worth a warning.
    const { name, version } = manifest;
    if (!name || !version) return undefined;
    return { kind: role, manifest: { ...manifest, name, version } };
  },
  assemble(input) {
    return { packages: assembleNpmPackages(input) };
  },
};

function parseLock(path: string, text: string, warn: (message: string) => void): LockedPackage[] {
  if (path.endsWith('yarn.lock')) return parseYarnLock(text, warn);
  if (path.endsWith('pnpm-lock.yaml')) return parsePnpmLock(text, warn);
  return parsePackageLock(text, warn);
}

interface LockFile {
  path: string;
  versions: readonly FactVersion<NpmFact>[];
  packages: LockedPackage[];
}

interface Installed {
  pkg: Package;
  /** The real folder of the package, where Node resolves its own dependencies from. */
  dir: string;
  manifest: PackageManifest;
}

function assembleNpmPackages(input: AssembleInput<NpmFact>): Package[] {
  const manifestKeys = memoizedKeys((fact: NpmFact) =>
    fact.kind === 'lock' ? [] : [lockedKey(fact.manifest.name, fact.manifest.version)],
  );
  const lockKeys = memoizedKeys((fact: NpmFact) =>
    fact.kind === 'lock' ? fact.packages.map((p) => lockedKey(p.name, p.version)) : [],
  );

  const installed: Installed[] = [];
  const locks: LockFile[] = [];
  for (const [path, versions] of input.facts) {
    const fact = versions[versions.length - 1]!.fact;
    if (fact.kind === 'lock') {
      locks.push({ path, versions, packages: fact.packages });
      continue;
    }
    const { manifest } = fact;
    const dir = manifestDir(path);
    const link = fact.kind === 'local' ? linkToPackage(input.tree, dir, manifest.name) : undefined;
    if (fact.kind === 'local' && !link) continue; // an application's own manifest, not a package it installed
    const layer = introducingLayer(
      lockedKey(manifest.name, manifest.version),
      versions,
      manifestKeys,
    );
    const pkg = installedPackage(path, manifest, layer);
    if (link) pkg.properties = { [NPM_LINK_PROPERTY]: link };
    installed.push({ pkg, dir, manifest });
  }

  resolveDependencies(installed, input);
  const lockOnly = assembleLockOnly(locks, installed, lockKeys);
  return [...installed.map((i) => i.pkg), ...lockOnly].sort(
    (a, b) => comparePackages(a, b) || compareText(a.location, b.location),
  );
}

function installedPackage(path: string, manifest: PackageManifest, layer: number): Package {
  return {
    type: 'npm',
    name: manifest.name,
    version: manifest.version,
    licenses: manifest.licenses,
    purl: npmPackageUrl(manifest.name, manifest.version),
    files: [],
    dependsOn: [],
    layer,
    foundBy: NAME,
    location: path,
  };
}

function resolveDependencies(installed: Installed[], input: AssembleInput<NpmFact>): void {
  const globalDirs = new Set<string>();
  for (const { dir } of installed) {
    const root = debianNodeRoot(dir);
    if (root !== undefined) globalDirs.add(root);
  }
  const packages = new InstalledPackages<Package>(input.tree, [...globalDirs].sort(compareText));
  for (const { dir, pkg } of installed) packages.add(dir, pkg);
  for (const { dir, pkg, manifest } of installed) {
    const purls = new Set<string>();
    for (const name of manifest.dependencies) {
      const target = packages.resolve(dir, name);
      if (target && target.purl !== pkg.purl) purls.add(target.purl);
    }
    pkg.dependsOn = [...purls].sort(compareText);
  }
}

/**
 * Lock files' packages that are not installed under the lock file's folder (an image that ships a lock but installs
 * elsewhere, or prunes); installed ones are reported from their package.json, marked as development dependencies when
 * the lock says so.
 */
function assembleLockOnly(
  locks: LockFile[],
  installed: Installed[],
  lockKeys: (fact: NpmFact) => ReadonlySet<string>,
): Package[] {
  const reported: Package[] = [];
  const reportedInDir = new Map<string, Set<string>>();
  for (const lock of locks.sort((a, b) => compareText(a.path, b.path))) {
    const appDir = parentOf(lock.path);
    const installedHere = new Map<string, Package[]>();
    for (const { pkg } of installed) {
      if (!isWithin(pkg.location, appDir)) continue;
      const key = lockedKey(pkg.name, pkg.version);
      const copies = installedHere.get(key);
      if (copies) copies.push(pkg);
      else installedHere.set(key, [pkg]);
    }
    let seen = reportedInDir.get(appDir);
    if (!seen) reportedInDir.set(appDir, (seen = new Set()));
    const purlOf = new Map(
      lock.packages.map((p) => [lockedKey(p.name, p.version), npmPackageUrl(p.name, p.version)]),
    );
    for (const locked of lock.packages) {
      const key = lockedKey(locked.name, locked.version);
      const copies = installedHere.get(key);
      if (copies) {
        if (locked.dev)
          for (const pkg of copies)
            pkg.properties = { ...pkg.properties, [NPM_DEV_PROPERTY]: 'true' };
        continue;
      }
      if (seen.has(key)) continue; // a second lock file in the same folder names it too
      seen.add(key);
      const purl = purlOf.get(key)!;
      const pkg: Package = {
        type: 'npm',
        name: locked.name,
        version: locked.version,
        licenses: locked.licenses ?? [],
        purl,
        files: [],
        dependsOn: [...new Set(locked.dependsOn.map((d) => purlOf.get(d)!))]
          .filter((p) => p !== purl)
          .sort(compareText),
        layer: introducingLayer(key, lock.versions, lockKeys),
        foundBy: NAME,
        location: lock.path,
      };
      if (locked.dev) pkg.properties = { [NPM_DEV_PROPERTY]: 'true' };
      reported.push(pkg);
    }
  }
  return reported;
}
