// The 'apk' analyzer: Alpine (and other apk-based) packages from lib/apk/db/installed, with licences, files and edges.
// apk-tools database: https://gitlab.alpinelinux.org/alpine/apk-tools; modelled on Trivy's pkg/apk analyzer.

import type { Package } from '../model/package.js';
import type { Analyzer, AssembleInput } from './analyzer.js';
import { apkLicense } from './apk/license.js';
import { parseApkInstalled, type ApkRecord } from './apk/installed-db.js';
import { resolveRelations } from './dpkg/dependencies.js';
import { introducingLayer, memoizedKeys, packageKey } from './introducing-layer.js';
import { apkPackageUrl } from './purl.js';
import { comparePackages, compareText } from '../model/order.js';

export interface ApkFact {
  records: ApkRecord[];
}

const INSTALLED_DB = 'lib/apk/db/installed';

export const apkAnalyzer: Analyzer<ApkFact> = {
  name: 'apk',
  version: 1,
  wants: (path) => path === INSTALLED_DB,
  parse(file, warn) {
    return { records: parseApkInstalled(file.content.toString('utf8'), warn) };
  },
  assemble(input) {
    return { packages: assembleApkPackages(input) };
  },
};

function assembleApkPackages(input: AssembleInput<ApkFact>): Package[] {
  const versions = input.facts.get(INSTALLED_DB);
  if (!versions || versions.length === 0) return [];
  const records = versions[versions.length - 1]!.fact.records;
  // apk depends have no alternatives: each D: name is a group of one, satisfied by name or through p: provides.
  const nodes = records.map((record) => ({
    record,
    name: record.name,
    arch: record.arch,
    provides: record.provides,
    depends: record.depends.map((name) => [{ name }]),
  }));
  const keysOf = memoizedKeys((fact: ApkFact) => fact.records.map(packageKey));
  const purlOf = (r: ApkRecord) => apkPackageUrl(r.name, r.version, r.arch, input.os);
  const packages: Package[] = [];
  for (const [node, targets] of resolveRelations(nodes)) {
    const { record } = node;
    const purl = purlOf(record);
    const pkg: Package = {
      type: 'apk',
      name: record.name,
      version: record.version,
      source: { name: record.origin ?? record.name, version: record.version },
      licenses: record.license ? [apkLicense(record.license)] : [],
      purl,
      files: [...record.files],
      dependsOn: [...new Set(targets.map((t) => purlOf(t.record)))]
        .filter((p) => p !== purl)
        .sort(compareText),
      layer: introducingLayer(packageKey(record), versions, keysOf),
      foundBy: 'apk',
      location: INSTALLED_DB,
    };
    if (record.arch) pkg.arch = record.arch;
    if (record.maintainer) pkg.maintainer = record.maintainer;
    if (record.description) pkg.description = record.description;
    packages.push(pkg);
  }
  return packages.sort(comparePackages);
}
