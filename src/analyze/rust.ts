// The 'rust' analyzer: crates compiled into binaries (cargo-auditable's `.dep-v0` section) and crates in Cargo.lock.
// cargo-auditable: https://github.com/rust-secure-code/cargo-auditable; Cargo.lock: Cargo's resolver/encode.rs. purl type cargo.

import type { Package } from '../model/package.js';
import { comparePackages, compareText } from '../model/order.js';
import type { Analyzer } from './analyzer.js';
import { isElf, openElf } from './elf/elf-file.js';
import { mayHaveSection, probeElfSections } from './elf/section-probe.js';
import { packageUrl } from './purl.js';
import { readAuditableSection, type AuditablePackage } from './rust/auditable.js';
import { parseCargoLock, type CargoLockPackage } from './rust/cargo-lock.js';

export type RustFact =
  { kind: 'binary'; packages: AuditablePackage[] } | { kind: 'lock'; packages: CargoLockPackage[] };

const NAME = 'rust';
const LOCK_FILE = 'Cargo.lock';
/** The crates.io index, as Cargo.lock names it over git and over the sparse protocol. */
const CRATES_IO_SOURCES = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);
/**
 * Cargo's download caches (~/.cargo, /usr/local/cargo in the official image) and Debian's crate sources hold other
 * crates' lock files, not an application's.
 */
const CRATE_CACHES = ['cargo/registry/', 'cargo/git/'];

function isApplicationLock(path: string): boolean {
  if (path !== LOCK_FILE && !path.endsWith(`/${LOCK_FILE}`)) return false;
  return !CRATE_CACHES.some((dir) => path.includes(dir));
}

export const rustAnalyzer: Analyzer<RustFact> = {
  name: NAME,
  version: 1,
  wants: (path, entry) => (entry.mode & 0o111) !== 0 || isApplicationLock(path),
  // An executable is read whole only when its section table shows cargo-auditable's section (or has none to show).
  async parseRanged(file, warn) {
    if (!isApplicationLock(file.path)) {
      const probe = await probeElfSections(file);
      if (!probe || !mayHaveSection(probe, ['.dep-v0'])) return undefined;
    }
    return this.parse({ path: file.path, content: await file.readAll() }, warn);
  },
  parse(file, warn) {
    if (isApplicationLock(file.path)) {
      const packages = parseCargoLock(file.content.toString('utf8'), warn);
      return packages ? { kind: 'lock', packages } : undefined;
    }
    if (!isElf(file.content)) return undefined;
    const elf = openElf(file.content, warn);
    const packages = elf && readAuditableSection(file.content, elf, warn);
    return packages ? { kind: 'binary', packages } : undefined;
  },
  assemble(input) {
    const packages: Package[] = [];
    for (const [path, versions] of input.facts) {
      const { fact, layer } = versions[versions.length - 1]!;
      const found =
        fact.kind === 'binary'
          ? binaryPackages(fact.packages, path, layer)
          : lockPackages(fact.packages, path, layer);
      packages.push(...found);
    }
    return { packages: packages.sort(comparePackages) };
  },
};

function cratePurl(name: string, version: string): string {
  return packageUrl('cargo', undefined, name, version);
}

/**
 * The crates built into a binary. Build-time dependencies (build scripts, proc-macros and what they use) ran during
 * the build but left no code in the binary, so they are not reported (as Trivy does), and edges to them are dropped.
 */
function binaryPackages(list: AuditablePackage[], location: string, layer: number): Package[] {
  const runtime = list.map((p) => p.kind === 'runtime');
  const purls = list.map((p) => cratePurl(p.name, p.version));
  return merged(
    list.flatMap((p, i) => {
      if (!runtime[i]) return [];
      const dependsOn = p.dependencies.filter((d) => runtime[d]).map((d) => purls[d]!);
      const source = p.source === 'crates.io' || p.source === '' ? undefined : p.source;
      return [cratePackage(p.name, p.version, purls[i]!, dependsOn, source, location, layer)];
    }),
  );
}

/** Every package the lock resolved (dev-dependencies included: the lock does not tell them apart). */
function lockPackages(list: CargoLockPackage[], location: string, layer: number): Package[] {
  const purls = list.map((p) => cratePurl(p.name, p.version));
  return merged(
    list.map((p, i) => {
      const source =
        p.source === undefined ? 'local' : CRATES_IO_SOURCES.has(p.source) ? undefined : p.source;
      const dependsOn = p.dependencies.map((d) => purls[d]!);
      return cratePackage(p.name, p.version, purls[i]!, dependsOn, source, location, layer);
    }),
  );
}

function cratePackage(
  name: string,
  version: string,
  purl: string,
  dependsOn: string[],
  source: string | undefined,
  location: string,
  layer: number,
): Package {
  const pkg: Package = {
    type: 'cargo',
    name,
    version,
    purl,
    licenses: [],
    files: [],
    dependsOn,
    layer,
    foundBy: NAME,
    location,
  };
  if (source) pkg.properties = { 'cargo.source': source };
  return pkg;
}

/**
 * One package per crate and source in one file, edges united. The same version from crates.io and from git stays two
 * packages: they share a purl but not their code, and the `cargo.source` property tells them apart.
 */
function merged(packages: Package[]): Package[] {
  const byKey = new Map<string, Package>();
  for (const pkg of packages) {
    const key = `${pkg.purl}\0${pkg.properties?.['cargo.source'] ?? ''}`;
    const seen = byKey.get(key);
    if (seen) seen.dependsOn.push(...pkg.dependsOn);
    else byKey.set(key, pkg);
  }
  const result = [...byKey.values()];
  for (const pkg of result)
    pkg.dependsOn = [...new Set(pkg.dependsOn)].filter((d) => d !== pkg.purl).sort(compareText);
  return result;
}
