import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { runAnalyzers } from '../testing/analyzer-harness.js';
import { fixturePath } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { dotnetAnalyzer } from './dotnet.js';

const APP = 'app/TestLibrary.deps.json';
const SELF_CONTAINED = 'self-contained/selfcontained.deps.json';
const appManifest = readFileSync(fixturePath('dotnet', APP), 'utf8');

const byName = (packages: readonly Package[], name: string): Package => {
  const found = packages.filter((p) => p.name === name);
  assert.equal(found.length, 1, `one ${name}`);
  return found[0]!;
};

describe('dotnet analyzer on real .deps.json manifests', async () => {
  const { packages, warnings } = await runAnalyzers([dotnetAnalyzer], [fixturePath('dotnet')]);

  it('reports the 12 + 2 package and runtime-pack libraries, not the projects', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => p.purl),
      [
        'pkg:nuget/AWSSDK.Core@3.7.10.6',
        'pkg:nuget/Microsoft.Extensions.DependencyInjection@6.0.0',
        'pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Logging@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Logging.Abstractions@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Options@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Primitives@6.0.0',
        'pkg:nuget/Microsoft.NETCore.App.Runtime.osx-arm64@9.0.1',
        'pkg:nuget/Newtonsoft.Json@13.0.1',
        'pkg:nuget/Serilog@2.10.0',
        'pkg:nuget/Serilog.Sinks.Console@4.0.1',
        'pkg:nuget/System.Diagnostics.DiagnosticSource@6.0.0',
        'pkg:nuget/System.Runtime.CompilerServices.Unsafe@6.0.0',
        'pkg:nuget/YamlDotNet@16.3.0',
      ],
    );
    assert.ok(packages.every((p) => p.name !== 'TestLibrary' && p.name !== 'TestCommon'));
  });

  it('Microsoft.Extensions.Logging: its five dependencies from the runtime target', () => {
    assert.deepEqual(byName(packages, 'Microsoft.Extensions.Logging'), {
      type: 'nuget',
      name: 'Microsoft.Extensions.Logging',
      version: '6.0.0',
      licenses: [],
      purl: 'pkg:nuget/Microsoft.Extensions.Logging@6.0.0',
      files: [],
      dependsOn: [
        'pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0',
        'pkg:nuget/Microsoft.Extensions.DependencyInjection@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Logging.Abstractions@6.0.0',
        'pkg:nuget/Microsoft.Extensions.Options@6.0.0',
        'pkg:nuget/System.Diagnostics.DiagnosticSource@6.0.0',
      ],
      layer: 0,
      foundBy: 'dotnet',
      location: APP,
    });
  });

  it('packages the target lists without runtime assets are kept and marked', () => {
    const source = byName(packages, 'System.Diagnostics.DiagnosticSource');
    assert.deepEqual(source.properties, { 'dotnet.runtimeAssets': 'none' });
    assert.deepEqual(source.dependsOn, ['pkg:nuget/System.Runtime.CompilerServices.Unsafe@6.0.0']);
    assert.deepEqual(byName(packages, 'System.Runtime.CompilerServices.Unsafe').properties, {
      'dotnet.runtimeAssets': 'none',
    });
    assert.equal(byName(packages, 'Newtonsoft.Json').properties, undefined);
    // AWSSDK.Core comes through the TestCommon project, which is not a package: no package depends on it.
    assert.ok(packages.every((p) => !p.dependsOn.includes('pkg:nuget/AWSSDK.Core@3.7.10.6')));
  });

  it("a self-contained app's runtime pack is the .NET runtime, named without the SDK's prefix", () => {
    assert.deepEqual(byName(packages, 'Microsoft.NETCore.App.Runtime.osx-arm64'), {
      type: 'nuget',
      name: 'Microsoft.NETCore.App.Runtime.osx-arm64',
      version: '9.0.1',
      licenses: [],
      purl: 'pkg:nuget/Microsoft.NETCore.App.Runtime.osx-arm64@9.0.1',
      files: [],
      dependsOn: [],
      layer: 0,
      foundBy: 'dotnet',
      location: SELF_CONTAINED,
      properties: { 'dotnet.libraryType': 'runtimepack' },
    });
    assert.equal(byName(packages, 'YamlDotNet').location, SELF_CONTAINED);
  });
});

describe('dotnet analyzer: targets, layers, the app image, damaged files', () => {
  it('without a runtime target name, the edges come from every target', async () => {
    const doc = JSON.parse(appManifest) as Record<string, unknown>;
    delete doc.runtimeTarget;
    const { packages } = await runAnalyzers(
      [dotnetAnalyzer],
      [{ 'app/x.deps.json': JSON.stringify(doc) }],
    );
    assert.equal(packages.length, 12);
    assert.equal(byName(packages, 'Microsoft.Extensions.Logging').dependsOn.length, 5);
  });

  it('a package upgraded in a later layer belongs to it; the others keep the first layer', async () => {
    const upgraded = appManifest.replaceAll('Serilog/2.10.0', 'Serilog/2.12.0');
    const { packages } = await runAnalyzers(
      [dotnetAnalyzer],
      [{ [APP]: appManifest }, { [APP]: upgraded }],
    );
    assert.equal(byName(packages, 'Serilog').version, '2.12.0');
    assert.equal(byName(packages, 'Serilog').layer, 1);
    assert.equal(byName(packages, 'Newtonsoft.Json').layer, 0);
  });

  it('finds no manifest in the app image', async () => {
    const { packages, warnings } = await runAnalyzers([dotnetAnalyzer], [appImage().rootfs]);
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, []);
  });

  it('truncated JSON, a manifest without libraries, a malformed library key: warnings, the rest read', async () => {
    const doc = JSON.parse(appManifest) as { libraries: Record<string, unknown> };
    doc.libraries['Serilog-2.10.0'] = doc.libraries['Serilog/2.10.0'];
    delete doc.libraries['Serilog/2.10.0'];
    const { packages, warnings } = await runAnalyzers(
      [dotnetAnalyzer],
      [
        {
          'a/a.deps.json': appManifest.slice(0, 500),
          'b/b.deps.json': '{"runtimeTarget": {"name": "x"}}',
          'c/c.deps.json': JSON.stringify(doc),
        },
      ],
    );
    assert.equal(packages.length, 11);
    assert.ok(packages.every((p) => p.location === 'c/c.deps.json' && p.name !== 'Serilog'));
    assert.equal(warnings.length, 3);
    assert.match(warnings[0]!, /^layer 0: a\/a\.deps\.json: not valid JSON \(.+\); skipped$/);
    assert.deepEqual(warnings.slice(1), [
      'layer 0: b/b.deps.json: no "libraries" object: not a .deps.json dependency manifest; skipped',
      'layer 0: c/c.deps.json: libraries: 1 entry not of the form "Name/Version" with a type (first "Serilog-2.10.0"); skipped',
    ]);
  });
});
