// The 'go-binary' analyzer: Go modules compiled into ELF executables, from the build info the Go linker embeds.
// Build info format: https://go.dev/src/debug/buildinfo/buildinfo.go; modelled on Trivy's gobinary and Syft's golang cataloger.

import type { Package } from '../model/package.js';
import { comparePackages, compareText } from '../model/order.js';
import type { Analyzer } from './analyzer.js';
import { isElf, openElf } from './elf/elf-file.js';
import { mayHaveSection, probeElfSections } from './elf/section-probe.js';
import { readGoBuildInfo } from './go/build-info.js';
import { GO_STDLIB, goPackageUrl, goStdlibVersion, isRealModuleVersion } from './go/identity.js';
import { parseGoModInfo, type GoModInfo, type GoModule } from './go/modinfo.js';

export interface GoBinaryFact extends GoModInfo {
  /** The toolchain that built the binary, as it writes itself: `go1.19.8`. */
  goVersion: string;
}

const NAME = 'go-binary';

/** Sections the Go linker writes: any one of them marks a Go binary. */
const GO_SECTIONS = ['.go.buildinfo', '.gopclntab', '.note.go.buildid', '.gosymtab'];

export const goBinaryAnalyzer: Analyzer<GoBinaryFact> = {
  name: NAME,
  version: 1,
  // Every executable is a candidate (Go binaries have no telling name); parse rejects the rest by their first bytes.
  wants: (_path, entry) => (entry.mode & 0o111) !== 0,
  // Only an ELF file whose section table shows Go's sections (or has none to show) is read whole.
  async parseRanged(file, warn) {
    const probe = await probeElfSections(file);
    if (!probe || !mayHaveSection(probe, GO_SECTIONS)) return undefined;
    return this.parse({ path: file.path, content: await file.readAll() }, warn);
  },
  parse(file, warn) {
    if (!isElf(file.content)) return undefined;
    const elf = openElf(file.content, warn);
    if (!elf) return undefined;
    const raw = readGoBuildInfo(file.content, elf, warn);
    if (!raw) return undefined;
    return { goVersion: raw.goVersion, ...parseGoModInfo(raw.modinfo, warn) };
  },
  assemble(input) {
    const packages: Package[] = [];
    for (const [path, versions] of input.facts) {
      const current = versions[versions.length - 1]!;
      packages.push(...goBinaryPackages(current.fact, path, current.layer));
    }
    return { packages: packages.sort(comparePackages) };
  },
};

/**
 * One binary's packages: each dependency module, the main module when it carries a release version (a local build
 * says `(devel)`), and the standard library at the toolchain's version, which carries the binary-wide facts.
 */
export function goBinaryPackages(fact: GoBinaryFact, location: string, layer: number): Package[] {
  const base = { licenses: [], files: [], layer, foundBy: NAME, location };
  const byPurl = new Map<string, Package>();
  const add = (pkg: Package) => {
    if (!byPurl.has(pkg.purl)) byPurl.set(pkg.purl, pkg);
  };

  const stdlibVersion = goStdlibVersion(fact.goVersion);
  if (stdlibVersion) {
    const properties: Record<string, string> = { 'go.toolchain': fact.goVersion };
    if (fact.path) properties['go.path'] = fact.path;
    for (const [key, value] of Object.entries(fact.settings)) properties[`go.build.${key}`] = value;
    add({
      type: 'golang',
      name: GO_STDLIB,
      version: stdlibVersion,
      purl: goPackageUrl(GO_STDLIB, stdlibVersion),
      dependsOn: [],
      properties,
      ...base,
    });
  }
  for (const dep of fact.deps) {
    if (dep.path === '' || dep.version === '') continue;
    add(dependencyPackage(dep, base));
  }
  const main = fact.main;
  if (main && main.path !== '' && isRealModuleVersion(main.version)) {
    const purl = goPackageUrl(main.path, main.version);
    add({
      type: 'golang',
      name: main.path,
      version: main.version,
      purl,
      // The build list is the main module's: every module in it is one of its (direct or indirect) dependencies.
      dependsOn: [...byPurl.keys()].filter((p) => p !== purl).sort(compareText),
      ...base,
    });
  }
  return [...byPurl.values()];
}

/**
 * A dependency module. When go.mod replaced it with another module version, the binary holds that module's code, so
 * that is the package (as Trivy and Syft report it); a replacement by a local directory holds unpublished code, so the
 * required module stays the identity, with medium confidence. Either way the properties say what was replaced.
 */
function dependencyPackage(
  dep: GoModule,
  base: Pick<Package, 'licenses' | 'files' | 'layer' | 'foundBy' | 'location'>,
): Package {
  const replace = dep.replace;
  const byModule = replace && replace.path !== '' && isRealModuleVersion(replace.version);
  const name = byModule ? replace.path : dep.path;
  const version = byModule ? replace.version : dep.version;
  const pkg: Package = {
    type: 'golang',
    name,
    version,
    purl: goPackageUrl(name, version),
    dependsOn: [],
    ...base,
  };
  if (replace) {
    pkg.properties = {
      'go.replace': isRealModuleVersion(replace.version)
        ? `${replace.path}@${replace.version}`
        : replace.path,
      'go.required': `${dep.path}@${dep.version}`,
    };
    if (!byModule) pkg.confidence = 'medium';
  }
  return pkg;
}
