// The 'python' analyzer: installed distributions (.dist-info, .egg-info) in any site-packages, dist-packages or
// virtualenv, and the pins of poetry.lock, Pipfile.lock and requirements*.txt in application directories.
// Installed layout: https://packaging.python.org/en/latest/specifications/recording-installed-packages/ ; purl type pypi.

import type { Package } from '../model/package.js';
import { comparePackages, compareText } from '../model/order.js';
import { parentOf } from '../source/paths.js';
import { type Analyzer, type AssembleInput, type FactVersion, latestFact } from './analyzer.js';
import { introducingLayer, memoizedKeys, packageKey } from './introducing-layer.js';
import { packageUrl } from './purl.js';
import { parseCoreMetadata, type DistributionMetadata } from './python/core-metadata.js';
import { parseEggRequires } from './python/egg-requires.js';
import { parseInstalledFiles, parseRecord } from './python/installed-files.js';
import type { LockEntry } from './python/lock-entry.js';
import { normalizeName } from './python/names.js';
import { parsePipfileLock } from './python/pipfile-lock.js';
import { parsePoetryLock } from './python/poetry-lock.js';
import { parseRequirementsTxt } from './python/requirements-txt.js';

export type LockFormat = 'poetry' | 'pipenv' | 'requirements';

export type PythonFact =
  | { kind: 'metadata'; metadata: DistributionMetadata }
  /** RECORD or installed-files.txt, as paths relative to the root. */
  | { kind: 'files'; files: string[] }
  /** An egg's requires.txt: normalised names it always needs. */
  | { kind: 'requires'; requires: string[] }
  | { kind: 'lock'; format: LockFormat; entries: LockEntry[] };

type FileKind = 'metadata' | 'record' | 'installed-files' | 'egg-requires' | LockFormat;

const NAME = 'python';
/** Lock files beside the application, never those a distribution ships inside site-packages or dist-packages. */
const PACKAGES_DIR = '-packages/';
/** When one directory holds several lock files, a package is reported from the most precise of them. */
const LOCK_PREFERENCE: readonly LockFormat[] = ['poetry', 'pipenv', 'requirements'];

export const pythonAnalyzer: Analyzer<PythonFact> = {
  name: NAME,
  version: 1,
  wants: (path) => fileKind(path) !== undefined,
  parse(file, warn) {
    const kind = fileKind(file.path);
    switch (kind) {
      case 'metadata': {
        const metadata = parseCoreMetadata(file.content, warn);
        return metadata ? { kind, metadata } : undefined;
      }
      case 'record':
        return {
          kind: 'files',
          files: parseRecord(file.content.toString('utf8'), parentOf(parentOf(file.path))),
        };
      case 'installed-files':
        return {
          kind: 'files',
          files: parseInstalledFiles(file.content.toString('utf8'), parentOf(file.path)),
        };
      case 'egg-requires':
        return { kind: 'requires', requires: parseEggRequires(file.content.toString('utf8')) };
      case 'poetry': {
        const entries = parsePoetryLock(file.content, warn);
        return entries ? { kind: 'lock', format: kind, entries } : undefined;
      }
      case 'pipenv': {
        const entries = parsePipfileLock(file.content, warn);
        return entries ? { kind: 'lock', format: kind, entries } : undefined;
      }
      case 'requirements':
        return { kind: 'lock', format: kind, entries: parseRequirementsTxt(file.content) };
      default:
        return undefined;
    }
  },
  assemble(input) {
    const installed = installedPackages(input);
    const installedPurls = new Set(installed.map((p) => p.purl));
    return {
      packages: [...installed, ...lockedPackages(input, installedPurls)].sort(comparePackages),
    };
  },
};

/** Called for every file of every layer: suffix tests only. */
function fileKind(path: string): FileKind | undefined {
  if (path.endsWith('/METADATA'))
    return path.endsWith('.dist-info/METADATA') ? 'metadata' : undefined;
  if (path.endsWith('/RECORD')) return path.endsWith('.dist-info/RECORD') ? 'record' : undefined;
  if (path.endsWith('/PKG-INFO'))
    return path.endsWith('.egg-info/PKG-INFO') || path.endsWith('.egg/EGG-INFO/PKG-INFO')
      ? 'metadata'
      : undefined;
  if (path.endsWith('.egg-info')) return 'metadata'; // a single file, as distutils (and Debian) install it
  if (path.endsWith('/requires.txt'))
    return path.endsWith('.egg-info/requires.txt') || path.endsWith('.egg/EGG-INFO/requires.txt')
      ? 'egg-requires'
      : undefined;
  if (path.endsWith('/installed-files.txt'))
    return path.endsWith('.egg-info/installed-files.txt') ? 'installed-files' : undefined;
  if (path.endsWith('.lock')) {
    if (path.includes(PACKAGES_DIR)) return undefined;
    if (hasBaseName(path, 'poetry.lock')) return 'poetry';
    if (hasBaseName(path, 'Pipfile.lock')) return 'pipenv';
    return undefined;
  }
  if (path.endsWith('.txt') && isRequirementsFile(path) && !path.includes(PACKAGES_DIR))
    return 'requirements';
  return undefined;
}

function hasBaseName(path: string, name: string): boolean {
  return (
    path.endsWith(name) &&
    (path.length === name.length || path[path.length - name.length - 1] === '/')
  );
}

/** requirements*.txt, or any .txt directly in a directory named requirements (requirements/prod.txt). */
function isRequirementsFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  if (path.startsWith('requirements', slash + 1)) return true;
  const dirStart = path.lastIndexOf('/', slash - 1) + 1;
  return slash - dirStart === 'requirements'.length && path.startsWith('requirements', dirStart);
}

interface Distribution {
  path: string;
  metadata: DistributionMetadata;
  versions: readonly FactVersion<PythonFact>[];
  /** The directory on sys.path the distribution was installed into. */
  siteDir: string;
  files: string[];
  requires: string[];
}

function installedPackages(input: AssembleInput<PythonFact>): Package[] {
  const distributions: Distribution[] = [];
  for (const [path, versions] of input.facts) {
    const fact = latestFact(versions);
    if (fact?.kind !== 'metadata') continue;
    distributions.push({
      path,
      metadata: fact.metadata,
      versions,
      ...companions(path, fact.metadata, input),
    });
  }
  // Requirements resolve among the distributions of the same directory, as Python's import system would find them.
  const bySite = new Map<string, Map<string, string[]>>();
  const purlOf = (d: Distribution) => pypiUrl(d.metadata.name, d.metadata.version);
  for (const d of distributions) {
    let names = bySite.get(d.siteDir);
    if (!names) bySite.set(d.siteDir, (names = new Map()));
    const name = normalizeName(d.metadata.name);
    names.set(name, [...(names.get(name) ?? []), purlOf(d)]);
  }
  const keysOf = memoizedKeys((fact: PythonFact) =>
    fact.kind === 'metadata' ? [installedKey(fact.metadata)] : [],
  );
  return distributions.map((d) => {
    const purl = purlOf(d);
    const site = bySite.get(d.siteDir)!;
    const dependsOn = new Set(d.requires.flatMap((name) => site.get(name) ?? []));
    dependsOn.delete(purl);
    const pkg: Package = {
      type: 'pypi',
      name: normalizeName(d.metadata.name),
      version: d.metadata.version,
      licenses: d.metadata.licenses.map((l) => ({ ...l })),
      purl,
      files: d.files,
      dependsOn: [...dependsOn].sort(compareText),
      layer: introducingLayer(installedKey(d.metadata), d.versions, keysOf),
      foundBy: NAME,
      location: d.path,
    };
    if (d.metadata.summary) pkg.description = d.metadata.summary;
    return pkg;
  });
}

/** The site directory, and what RECORD / installed-files.txt and requires.txt beside the metadata file add. */
function companions(
  path: string,
  metadata: DistributionMetadata,
  input: AssembleInput<PythonFact>,
): Pick<Distribution, 'siteDir' | 'files' | 'requires'> {
  if (path.endsWith('.egg-info'))
    return { siteDir: parentOf(path), files: [], requires: metadata.requires };
  const metaDir = parentOf(path);
  const isEgg = metaDir.endsWith('/EGG-INFO');
  const siteDir = isEgg ? parentOf(parentOf(metaDir)) : parentOf(metaDir);
  const fileList = latestFact(
    input.facts.get(
      `${metaDir}/${metaDir.endsWith('.dist-info') ? 'RECORD' : 'installed-files.txt'}`,
    ),
  );
  const requiresTxt = latestFact(input.facts.get(`${metaDir}/requires.txt`));
  const requires = new Set(metadata.requires);
  if (requiresTxt?.kind === 'requires') requiresTxt.requires.forEach((r) => requires.add(r));
  return {
    siteDir,
    files: fileList?.kind === 'files' ? [...fileList.files] : [],
    requires: [...requires].sort(compareText),
  };
}

interface LockFile {
  path: string;
  format: LockFormat;
  entries: LockEntry[];
  versions: readonly FactVersion<PythonFact>[];
}

/** Pins not already reported as installed; within one directory, a package once, from the preferred lock file. */
function lockedPackages(
  input: AssembleInput<PythonFact>,
  installedPurls: ReadonlySet<string>,
): Package[] {
  const locks: LockFile[] = [];
  for (const [path, versions] of input.facts) {
    const fact = latestFact(versions);
    if (fact?.kind === 'lock')
      locks.push({ path, format: fact.format, entries: fact.entries, versions });
  }
  locks.sort(
    (a, b) =>
      compareText(parentOf(a.path), parentOf(b.path)) ||
      LOCK_PREFERENCE.indexOf(a.format) - LOCK_PREFERENCE.indexOf(b.format) ||
      compareText(a.path, b.path),
  );
  const keysOf = memoizedKeys((fact: PythonFact) =>
    fact.kind === 'lock' ? fact.entries.map(packageKey) : [],
  );
  const reportedIn = new Map<string, Set<string>>();
  const packages: Package[] = [];
  for (const lock of locks) {
    const dir = parentOf(lock.path);
    let reported = reportedIn.get(dir);
    if (!reported) reportedIn.set(dir, (reported = new Set()));
    const purlsByName = new Map<string, string[]>();
    for (const e of lock.entries)
      purlsByName.set(e.name, [...(purlsByName.get(e.name) ?? []), pypiUrl(e.name, e.version)]);
    for (const entry of lock.entries) {
      const purl = pypiUrl(entry.name, entry.version);
      if (installedPurls.has(purl) || reported.has(purl)) continue;
      reported.add(purl);
      const dependsOn = new Set(
        (entry.dependencies ?? []).flatMap((n) => purlsByName.get(n) ?? []),
      );
      dependsOn.delete(purl);
      const pkg: Package = {
        type: 'pypi',
        name: entry.name,
        version: entry.version,
        licenses: [],
        purl,
        files: [],
        dependsOn: [...dependsOn].sort(compareText),
        layer: introducingLayer(packageKey(entry), lock.versions, keysOf),
        foundBy: NAME,
        location: lock.path,
      };
      const properties: Record<string, string> = {};
      if (entry.dev) properties['python.dev'] = 'true';
      if (entry.marker) properties['python.marker'] = entry.marker;
      if (Object.keys(properties).length > 0) pkg.properties = properties;
      packages.push(pkg);
    }
  }
  return packages;
}

function pypiUrl(name: string, version: string): string {
  return packageUrl('pypi', undefined, normalizeName(name), version);
}

function installedKey(metadata: DistributionMetadata): string {
  return packageKey({ name: normalizeName(metadata.name), version: metadata.version });
}
