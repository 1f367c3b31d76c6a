// The 'dotnet' analyzer: the NuGet packages (and a self-contained app's runtime pack) listed in *.deps.json manifests.
// purl type nuget: https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#nuget; after Trivy's and Syft's.

import { comparePackages, compareText } from '../model/order.js';
import type { Package } from '../model/package.js';
import type { Analyzer, AssembleInput, FactVersion } from './analyzer.js';
import { libraryId, parseDepsJson, type DotnetLibrary } from './dotnet/deps-json.js';
import { introducingLayer, memoizedKeys } from './introducing-layer.js';
import { packageUrl } from './purl.js';

export interface DotnetFact {
  libraries: DotnetLibrary[];
}

const ANALYZER = 'dotnet';
const DEPS_JSON = '.deps.json';

export const dotnetAnalyzer: Analyzer<DotnetFact> = {
  name: ANALYZER,
  version: 1,
  wants: (path) => path.endsWith(DEPS_JSON),
  parse(file, warn) {
    const libraries = parseDepsJson(file.content.toString('utf8'), warn);
    return libraries ? { libraries } : undefined;
  },
  assemble(input) {
    return { packages: assembleNugetPackages(input) };
  },
};

const keyOf = (l: DotnetLibrary) => libraryId(l.name, l.version);
const keysOf = memoizedKeys((fact: DotnetFact) => fact.libraries.map(keyOf));

function nugetPackageUrl(library: DotnetLibrary): string {
  return packageUrl('nuget', undefined, library.name, library.version);
}

function assembleNugetPackages(input: AssembleInput<DotnetFact>): Package[] {
  const packages: Package[] = [];
  for (const [path, versions] of input.facts) {
    packages.push(...manifestPackages(path, versions));
  }
  return packages.sort(comparePackages);
}

function manifestPackages(path: string, versions: readonly FactVersion<DotnetFact>[]): Package[] {
  const { libraries } = versions[versions.length - 1]!.fact;
  const purlById = new Map(libraries.map((l) => [keyOf(l), nugetPackageUrl(l)]));
  return libraries.map((library) => {
    const purl = purlById.get(keyOf(library))!;
    // Edges to the application's own projects are dropped with them: only packages are in the inventory.
    const dependsOn = new Set(
      library.dependencies.flatMap((id) => purlById.get(id) ?? []).filter((p) => p !== purl),
    );
    const pkg: Package = {
      type: 'nuget',
      name: library.name,
      version: library.version,
      licenses: [],
      purl,
      files: [],
      dependsOn: [...dependsOn].sort(compareText),
      layer: introducingLayer(keyOf(library), versions, keysOf),
      foundBy: ANALYZER,
      location: path,
    };
    const properties: Record<string, string> = {};
    if (library.kind === 'runtimepack') properties['dotnet.libraryType'] = 'runtimepack';
    if (library.hasRuntimeAssets === false) properties['dotnet.runtimeAssets'] = 'none';
    if (Object.keys(properties).length > 0) pkg.properties = properties;
    return pkg;
  });
}
