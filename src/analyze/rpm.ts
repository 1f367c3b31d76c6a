// The 'rpm' analyzer: packages of Red Hat, SUSE, Fedora, Azure Linux and other rpm-based images, from the rpm database.
// rpm database backends and header format: https://rpm-software-management.github.io/rpm/manual/ ; modelled on Trivy's pkg/rpm.

import { licenseFromText } from '../license/spdx.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import type { Analyzer, AssembleInput, FactVersion } from './analyzer.js';
import { RPM_DB_DIRS, readRpmDatabase, rpmBackendOf, type RpmBackend } from './rpm/database.js';
import { resolveRpmRequires } from './rpm/dependencies.js';
import { rpmPackageUrl } from './rpm/purl.js';
import type { RpmRecord } from './rpm/record.js';
import { parseSourceRpm } from './rpm/source-rpm.js';
import { comparePackages, compareText } from '../model/order.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';

/** One layer's copy of an rpm database, as parsed (cached per layer). */
export interface RpmFact {
  backend: RpmBackend;
  packages: RpmRecord[];
}

export const rpmAnalyzer: Analyzer<RpmFact> = {
  name: 'rpm',
  version: 1,
  wants: (path) => rpmBackendOf(path) !== undefined,
  parse(file, warn) {
    const backend = rpmBackendOf(file.path);
    if (!backend) return undefined;
    return { backend, packages: readRpmDatabase(backend, file.content, file.path, warn) };
  },
  assemble(input) {
    return { packages: assembleRpmPackages(input) };
  },
};

interface Database {
  path: string;
  versions: readonly FactVersion<RpmFact>[];
}

/** The packages of the image's rpm database, sorted by name, version and architecture. */
export function assembleRpmPackages(input: AssembleInput<RpmFact>): Package[] {
  const database = chooseDatabase(input);
  if (!database) return [];
  const records = database.versions[database.versions.length - 1]!.fact.packages;
  const keysOf = memoizedKeys((fact: RpmFact) => fact.packages.map(identityKey));
  const nodes = records.map((record) => ({
    record,
    name: record.name,
    arch: record.arch,
    provides: record.provides,
    requires: record.requires,
    files: record.files,
    purl: purlOf(record, input.os),
  }));
  const packages: Package[] = [];
  for (const [node, targets] of resolveRpmRequires(nodes)) {
    const { record, purl } = node;
    const pkg: Package = {
      type: 'rpm',
      name: record.name,
      version: versionRelease(record),
      licenses: record.license ? [licenseFromText(record.license)] : [],
      purl,
      files: rootRelative(record.files),
      dependsOn: [...new Set(targets.map((t) => t.purl))]
        .filter((p) => p !== purl)
        .sort(compareText),
      layer: introducingLayer(identityKey(record), database.versions, keysOf),
      foundBy: 'rpm',
      location: database.path,
    };
    if (record.epoch !== undefined) pkg.epoch = record.epoch;
    if (record.arch) pkg.arch = record.arch;
    const source = record.sourceRpm ? parseSourceRpm(record.sourceRpm) : undefined;
    if (source) pkg.source = source;
    const maintainer = record.vendor ?? record.packager;
    if (maintainer) pkg.maintainer = maintainer;
    if (record.summary) pkg.description = record.summary;
    packages.push(pkg);
  }
  return packages.sort(comparePackages);
}

/** Newer backends first: when rpm converts a database it writes the new one and may leave the old behind. */
const BACKEND_RANK: Readonly<Record<RpmBackend, number>> = { sqlite: 0, ndb: 1, bdb: 2 };

/**
 * The one database the image's rpm uses. An image normally has one; when several survive (a backend conversion, a
 * moved database path), the one written by the latest layer is the one the last package operation used, then the
 * newer backend, then the newer location. The others are named in a warning, not merged: they describe an older state.
 */
function chooseDatabase(input: AssembleInput<RpmFact>): Database | undefined {
  const found: Database[] = [];
  for (const [path, versions] of input.facts) {
    if (rpmBackendOf(path) !== undefined && versions.length > 0) found.push({ path, versions });
  }
  if (found.length === 0) return undefined;
  const lastLayer = (d: Database) => d.versions[d.versions.length - 1]!.layer;
  const dirRank = (d: Database) => RPM_DB_DIRS.findIndex((dir) => d.path.startsWith(`${dir}/`));
  found.sort(
    (a, b) =>
      lastLayer(b) - lastLayer(a) ||
      BACKEND_RANK[rpmBackendOf(a.path)!] - BACKEND_RANK[rpmBackendOf(b.path)!] ||
      dirRank(a) - dirRank(b),
  );
  const [chosen, ...others] = found;
  if (others.length > 0) {
    input.warn(
      `rpm: several package databases; read ${chosen!.path}, ignored ${others.map((d) => d.path).join(', ')}`,
    );
  }
  return chosen;
}

function identityKey(record: RpmRecord): string {
  return [record.name, record.epoch ?? '', versionRelease(record), record.arch ?? ''].join('\0');
}

function versionRelease(record: RpmRecord): string {
  return `${record.version}-${record.release}`;
}

function purlOf(record: RpmRecord, os: OsInfo | undefined): string {
  const identity: Parameters<typeof rpmPackageUrl>[0] = {
    name: record.name,
    version: versionRelease(record),
  };
  if (record.epoch !== undefined) identity.epoch = record.epoch;
  if (record.arch) identity.arch = record.arch;
  return rpmPackageUrl(identity, os);
}

/** rpm records absolute paths; the inventory's are relative to the image root. */
function rootRelative(paths: readonly string[]): string[] {
  const relative = paths.map((p) => p.replace(/^\/+/, '')).filter((p) => p !== '');
  return [...new Set(relative)].sort(compareText);
}
