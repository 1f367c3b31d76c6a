// Packages from an npm package-lock.json or npm-shrinkwrap.json: v1's nested `dependencies` tree, v2 and v3's flat
// `packages` map keyed by install path. Format: https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json

import { messageOf } from '../../errors.js';
import { npmLicenses } from './license.js';
import { aliasedName, LockedPackages, lockedKey, type LockedPackage } from './locked-package.js';
import { isObject, nonEmptyString, stripByteOrderMark } from './package-json.js';

const NODE_MODULES = 'node_modules/';
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function parsePackageLock(text: string, warn: (message: string) => void): LockedPackage[] {
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (err) {
    warn(`not valid JSON: ${messageOf(err)}`);
    return [];
  }
  if (!isObject(json)) {
    warn('not a JSON object');
    return [];
  }
  // v2 carries both forms for older npm; its `packages` map is the complete one.
  if (isObject(json.packages)) return fromPackagesMap(json.packages, warn);
  if (isObject(json.dependencies)) return fromDependencyTree(json.dependencies, warn);
  if (json.lockfileVersion === undefined) warn('no lockfileVersion, packages or dependencies');
  return [];
}

/** v2/v3: keys are install paths ("node_modules/a/node_modules/b"); "" is the project and other keys are workspaces. */
function fromPackagesMap(
  packages: Record<string, unknown>,
  warn: (message: string) => void,
): LockedPackage[] {
  const collected = new LockedPackages();
  let skipped = 0;
  for (const [path, entry] of Object.entries(packages)) {
    const nm = path.lastIndexOf(NODE_MODULES);
    if (nm < 0 || (nm > 0 && path[nm - 1] !== '/')) continue; // the project and its workspace folders
    if (!isObject(entry)) {
      skipped++;
      continue;
    }
    if (entry.link === true) continue; // a symlink to a workspace folder: that folder is the package
    const name = nonEmptyString(entry.name) ?? path.slice(nm + NODE_MODULES.length);
    const version = nonEmptyString(entry.version);
    if (!version) {
      skipped++;
      continue;
    }
    const dependsOn: string[] = [];
    for (const depName of dependencyNames(entry)) {
      const target = resolveInstallPath(packages, path, depName);
      if (target) dependsOn.push(target);
    }
    collected.add(name, version, {
      dev: entry.dev === true,
      licenses: npmLicenses(entry.license, entry.licenses),
      dependsOn,
    });
  }
  if (skipped > 0) warn(`${skipped} entries without a version`);
  return collected.list();
}

/** Node's lookup over the lock's install paths: the package's own node_modules, then each enclosing one. */
function resolveInstallPath(
  packages: Record<string, unknown>,
  from: string,
  depName: string,
): string | undefined {
  let dir = from;
  for (;;) {
    if (!dir.endsWith('/node_modules') && dir !== 'node_modules') {
      const found = lockedKeyAt(
        packages,
        dir === '' ? NODE_MODULES + depName : `${dir}/${NODE_MODULES}${depName}`,
      );
      if (found) return found;
    }
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash < 0 ? '' : dir.slice(0, slash);
  }
}

function lockedKeyAt(packages: Record<string, unknown>, path: string): string | undefined {
  const entry = packages[path];
  if (!isObject(entry)) return undefined;
  const nm = path.lastIndexOf(NODE_MODULES);
  const name = nonEmptyString(entry.name) ?? path.slice(nm + NODE_MODULES.length);
  const version = nonEmptyString(entry.version);
  return version ? lockedKey(name, version) : undefined;
}

/** v1: each entry's `dependencies` holds the packages nested under it; `requires` resolves from there outwards. */
function fromDependencyTree(
  root: Record<string, unknown>,
  warn: (message: string) => void,
): LockedPackage[] {
  const collected = new LockedPackages();
  let skipped = 0;
  const walk = (scopes: Record<string, unknown>[]) => {
    const level = scopes[scopes.length - 1]!;
    for (const [key, entry] of Object.entries(level)) {
      const identity = isObject(entry) ? v1Identity(key, entry) : undefined;
      if (!identity) {
        skipped++;
        continue;
      }
      if (!isObject(entry)) continue;
      const nested = isObject(entry.dependencies) ? entry.dependencies : {};
      const inner = [...scopes, nested];
      const dependsOn: string[] = [];
      if (isObject(entry.requires)) {
        for (const depName of Object.keys(entry.requires)) {
          const found = resolveInScopes(inner, depName);
          if (found) dependsOn.push(found);
        }
      }
      if (identity.local) continue; // a file: dependency is the project's own code
      collected.add(identity.name, identity.version, { dev: entry.dev === true, dependsOn });
      if (Object.keys(nested).length > 0) walk(inner);
    }
  };
  walk([root]);
  if (skipped > 0) warn(`${skipped} entries without a version`);
  return collected.list();
}

function v1Identity(
  key: string,
  entry: Record<string, unknown>,
): { name: string; version: string; local: boolean } | undefined {
  const written = nonEmptyString(entry.version);
  if (!written) return undefined;
  const { name, spec } = aliasedName(key, written);
  return { name, version: spec, local: spec.startsWith('file:') };
}

function resolveInScopes(scopes: Record<string, unknown>[], depName: string): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const entry = scopes[i]![depName];
    if (!isObject(entry)) continue;
    const identity = v1Identity(depName, entry);
    return identity ? lockedKey(identity.name, identity.version) : undefined;
  }
  return undefined;
}

function dependencyNames(entry: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const deps = entry[field];
    if (isObject(deps)) names.push(...Object.keys(deps));
  }
  return names;
}
