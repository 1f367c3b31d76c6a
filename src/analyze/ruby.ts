// The 'ruby' analyzer: installed gems (specifications/*.gemspec in gem homes) and applications' Bundler lock files.
// purl type gem: https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#gem; after Trivy's and Syft's ruby ones.

import { licenseFromText } from '../license/spdx.js';
import { comparePackages, compareText } from '../model/order.js';
import type { Package } from '../model/package.js';
import { baseName, parentOf } from '../source/paths.js';
import type { Analyzer, AssembleInput, FactVersion } from './analyzer.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';
import { packageUrl } from './purl.js';
import { parseGemfileLock, type LockedGem } from './ruby/gemfile-lock.js';
import { parseGemspec, type Gemspec } from './ruby/gemspec.js';

export type RubyFact = { kind: 'gemspec'; spec: Gemspec } | { kind: 'lock'; gems: LockedGem[] };

const ANALYZER = 'ruby';
const SPECIFICATIONS = 'specifications';
/** RubyGems keeps the specs of the gems that ship with Ruby itself in specifications/default. */
const DEFAULT_SPECIFICATIONS = 'specifications/default';
const LOCK_FILES: ReadonlySet<string> = new Set(['Gemfile.lock', 'gems.locked']);

export const rubyAnalyzer: Analyzer<RubyFact> = {
  name: ANALYZER,
  version: 1,
  wants(path) {
    if (path.endsWith('.gemspec')) return isInstalledGemspec(path);
    if (path.endsWith('.lock') || path.endsWith('.locked')) return isApplicationLock(path);
    return false;
  },
  parse(file, warn) {
    const text = file.content.toString('utf8');
    if (file.path.endsWith('.gemspec')) {
      const result = parseGemspec(text);
      if ('problem' in result) {
        warn(`not a readable gem specification: ${result.problem}; skipped`);
        return undefined;
      }
      return { kind: 'gemspec', spec: result.spec };
    }
    const gems = parseGemfileLock(text, warn);
    return gems.length > 0 ? { kind: 'lock', gems } : undefined;
  },
  assemble(input) {
    return { packages: assembleGems(input) };
  },
};

/** A gemspec directly in a gem home's specifications (or specifications/default) directory. */
function isInstalledGemspec(path: string): boolean {
  const dir = parentOf(path);
  return (
    dir === SPECIFICATIONS ||
    dir.endsWith('/' + SPECIFICATIONS) ||
    dir === DEFAULT_SPECIFICATIONS ||
    dir.endsWith('/' + DEFAULT_SPECIFICATIONS)
  );
}

/**
 * A lock file of an application, not one a gem shipped for its own development (gems/rbs-2.1.0/steep/Gemfile.lock):
 * anything under a gem home's or Bundler's gems/ directory is a gem's source tree, whose lock was never installed.
 */
function isApplicationLock(path: string): boolean {
  return LOCK_FILES.has(baseName(path)) && !path.startsWith('gems/') && !path.includes('/gems/');
}

/** The gem home a specification belongs to: the directory holding specifications/. */
function gemHome(specPath: string): string {
  const dir = parentOf(specPath);
  return parentOf(dir.endsWith(DEFAULT_SPECIFICATIONS) ? parentOf(dir) : dir);
}

function gemPackageUrl(name: string, version: string, platform: string | undefined): string {
  return packageUrl('gem', undefined, name, version, { platform });
}

const gemKey = (g: { name: string; version: string; platform?: string }) =>
  `${g.name}\0${g.version}\0${g.platform ?? ''}`;
const keysOf = memoizedKeys((fact: RubyFact) =>
  fact.kind === 'gemspec' ? [gemKey(fact.spec)] : fact.gems.map(gemKey),
);

interface InstalledGem {
  spec: Gemspec;
  home: string;
  pkg: Package;
}

function assembleGems(input: AssembleInput<RubyFact>): Package[] {
  const installed = installedGems(input);
  const packages = installed.map((g) => g.pkg);
  // A lock entry whose gem is installed (in any platform build) is that installed gem: it is reported once, from its
  // specification, and the lock's edges point to it.
  const installedPurls = new Map<string, string[]>();
  for (const { spec, pkg } of installed) {
    const key = `${spec.name}\0${spec.version}`;
    installedPurls.set(key, [...(installedPurls.get(key) ?? []), pkg.purl]);
  }
  for (const [path, versions] of input.facts) {
    const fact = versions[versions.length - 1]!.fact;
    if (fact.kind === 'lock')
      packages.push(...lockedGems(path, fact.gems, versions, installedPurls));
  }
  return packages.sort(comparePackages);
}

function installedGems(input: AssembleInput<RubyFact>): InstalledGem[] {
  const gems: InstalledGem[] = [];
  for (const [path, versions] of input.facts) {
    const fact = versions[versions.length - 1]!.fact;
    if (fact.kind !== 'gemspec') continue;
    const { spec } = fact;
    const pkg: Package = {
      type: 'gem',
      name: spec.name,
      version: spec.version,
      licenses: spec.licenses.map(licenseFromText),
      purl: gemPackageUrl(spec.name, spec.version, spec.platform),
      files: [],
      dependsOn: [],
      layer: introducingLayer(gemKey(spec), versions, keysOf),
      foundBy: ANALYZER,
      location: path,
    };
    if (parentOf(path).endsWith(DEFAULT_SPECIFICATIONS)) pkg.properties = { 'gem.default': 'true' };
    gems.push({ spec, home: gemHome(path), pkg });
  }
  // Runtime dependencies name gems, not versions: they resolve to the gems of that name installed in the same gem
  // home, or anywhere in the image when that home has none (Debian splits gems over several homes on one GEM_PATH).
  const byName = new Map<string, InstalledGem[]>();
  for (const g of gems) byName.set(g.spec.name, [...(byName.get(g.spec.name) ?? []), g]);
  for (const g of gems) {
    const targets = new Set<string>();
    for (const name of g.spec.runtimeDependencies) {
      const candidates = byName.get(name) ?? [];
      const sameHome = candidates.filter((c) => c.home === g.home);
      for (const c of sameHome.length > 0 ? sameHome : candidates) targets.add(c.pkg.purl);
    }
    targets.delete(g.pkg.purl);
    g.pkg.dependsOn = [...targets].sort(compareText);
  }
  return gems;
}

function lockedGems(
  path: string,
  gems: readonly LockedGem[],
  versions: readonly FactVersion<RubyFact>[],
  installedPurls: ReadonlyMap<string, string[]>,
): Package[] {
  const purlsOf = (gem: LockedGem): string[] =>
    installedPurls.get(`${gem.name}\0${gem.version}`) ?? [
      gemPackageUrl(gem.name, gem.version, gem.platform),
    ];
  const byName = new Map<string, LockedGem[]>();
  for (const gem of gems) byName.set(gem.name, [...(byName.get(gem.name) ?? []), gem]);

  const packages: Package[] = [];
  for (const gem of gems) {
    if (installedPurls.has(`${gem.name}\0${gem.version}`)) continue;
    const purl = gemPackageUrl(gem.name, gem.version, gem.platform);
    // A dependency name means every platform build the lock lists for it: which one is used depends on the host.
    const dependsOn = new Set(
      gem.dependencies.flatMap((name) => (byName.get(name) ?? []).flatMap(purlsOf)),
    );
    dependsOn.delete(purl);
    const pkg: Package = {
      type: 'gem',
      name: gem.name,
      version: gem.version,
      licenses: [],
      purl,
      files: [],
      dependsOn: [...dependsOn].sort(compareText),
      layer: introducingLayer(gemKey(gem), versions, keysOf),
      foundBy: ANALYZER,
      location: path,
    };
    if (gem.source !== 'rubygems') pkg.properties = { 'gem.source': gem.source };
    packages.push(pkg);
  }
  return packages;
}
