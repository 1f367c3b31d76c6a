// The 'php' analyzer: Composer packages installed in a project's vendor directory, and composer.lock where none are.
// purl type composer: https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#composer; after Trivy's and Syft's.

import { comparePackages, compareText } from '../model/order.js';
import type { Package } from '../model/package.js';
import { baseName, parentOf } from '../source/paths.js';
import type { Analyzer, AssembleInput, FactVersion } from './analyzer.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';
import { composerLicenses } from './php/composer-license.js';
import {
  parseComposerLock,
  parseInstalledJson,
  type ComposerRecord,
} from './php/composer-packages.js';
import { packageUrl } from './purl.js';

export interface PhpFact {
  kind: 'installed' | 'lock';
  records: ComposerRecord[];
}

const ANALYZER = 'php';
/** Inside the vendor directory, whatever `vendor-dir` names it. */
const INSTALLED = 'composer/installed.json';
const LOCK = 'composer.lock';

export const phpAnalyzer: Analyzer<PhpFact> = {
  name: ANALYZER,
  version: 1,
  wants(path) {
    if (path.endsWith(INSTALLED))
      return path.length === INSTALLED.length || path.endsWith('/' + INSTALLED);
    // A composer.lock inside vendor/ is one a package shipped for its own development, never installed.
    return (
      path.endsWith(LOCK) &&
      baseName(path) === LOCK &&
      !path.startsWith('vendor/') &&
      !path.includes('/vendor/')
    );
  },
  parse(file, warn) {
    const text = file.content.toString('utf8');
    const installed = file.path.endsWith(INSTALLED);
    const records = installed ? parseInstalledJson(text, warn) : parseComposerLock(text, warn);
    return records ? { kind: installed ? 'installed' : 'lock', records } : undefined;
  },
  assemble(input) {
    return { packages: assembleComposerPackages(input) };
  },
};

/** The project a vendor/composer/installed.json belongs to: the directory holding the vendor directory. */
function projectOfInstalled(path: string): string {
  return parentOf(parentOf(parentOf(path)));
}

const recordKey = (r: ComposerRecord) => `${r.name}\0${r.version}`;
const keysOf = memoizedKeys((fact: PhpFact) => fact.records.map(recordKey));

function assembleComposerPackages(input: AssembleInput<PhpFact>): Package[] {
  const installedProjects = new Set<string>();
  for (const [path, versions] of input.facts) {
    if (versions[versions.length - 1]!.fact.kind === 'installed')
      installedProjects.add(projectOfInstalled(path));
  }
  const packages: Package[] = [];
  for (const [path, versions] of input.facts) {
    const fact = versions[versions.length - 1]!.fact;
    // What vendor/ holds is what the project runs; its lock adds only packages that were not installed (dev ones
    // left out by --no-dev), which are not in the image.
    if (fact.kind === 'lock' && installedProjects.has(parentOf(path))) continue;
    packages.push(...composerPackages(path, fact.records, versions));
  }
  return packages.sort(comparePackages);
}

function composerPackageUrl(record: ComposerRecord): string {
  const slash = record.name.indexOf('/');
  return slash < 0
    ? packageUrl('composer', undefined, record.name, record.version)
    : packageUrl(
        'composer',
        record.name.slice(0, slash),
        record.name.slice(slash + 1),
        record.version,
      );
}

function composerPackages(
  path: string,
  records: readonly ComposerRecord[],
  versions: readonly FactVersion<PhpFact>[],
): Package[] {
  // A requirement is met by the package of that name, else by the packages that replace or provide it
  // (laravel/framework replaces illuminate/support; monolog provides psr/log-implementation).
  const byName = new Map<string, ComposerRecord[]>();
  const bySatisfied = new Map<string, ComposerRecord[]>();
  for (const r of records) {
    const name = r.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), r]);
    for (const s of r.satisfies) bySatisfied.set(s, [...(bySatisfied.get(s) ?? []), r]);
  }
  return records.map((record) => {
    const purl = composerPackageUrl(record);
    const dependsOn = new Set(
      record.requires
        .flatMap((name) => byName.get(name) ?? bySatisfied.get(name) ?? [])
        .map(composerPackageUrl),
    );
    dependsOn.delete(purl);
    const pkg: Package = {
      type: 'composer',
      name: record.name,
      version: record.version,
      licenses: composerLicenses(record.licenses),
      purl,
      files: [],
      dependsOn: [...dependsOn].sort(compareText),
      layer: introducingLayer(recordKey(record), versions, keysOf),
      foundBy: ANALYZER,
      location: path,
    };
    if (record.description) pkg.description = record.description;
    if (record.dev) pkg.properties = { 'composer.dev': 'true' };
    return pkg;
  });
}
