import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { fixturePath } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import type { Analyzer } from './analyzer.js';
import { dpkgAnalyzer } from './dpkg.js';
import { npmAnalyzer } from './npm.js';
import { osAnalyzer } from './os-release.js';

const lockFixture = (name: string) => readFileSync(fixturePath('npm', 'locks', name));
const key = (p: Package) => `${p.name}@${p.version}`;
const purl = (nameAtVersion: string) => {
  const at = nameAtVersion.lastIndexOf('@');
  const name = nameAtVersion.slice(0, at).replace(/^@/, '%40');
  return `pkg:npm/${name.toLowerCase()}@${nameAtVersion.slice(at + 1)}`;
};

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([npmAnalyzer], layers);
  const at = (location: string): Package => {
    const found = result.packages.filter((p) => p.location === location);
    assert.equal(found.length, 1, `one package at ${location}`);
    return found[0]!;
  };
  const named = (nameAtVersion: string): Package => {
    const found = result.packages.filter((p) => key(p) === nameAtVersion);
    assert.equal(found.length, 1, `one package ${nameAtVersion}`);
    return found[0]!;
  };
  return { ...result, at, named };
}

/** npm's own view of the application: every installed name@version and the name@versions each one depends on. */
interface NpmTreeNode {
  version?: string;
  dependencies?: Record<string, NpmTreeNode>;
}

function npmLs(prefix: string): Map<string, Set<string>> {
  const out = execFileSync('npm', ['ls', '--all', '--json', '--prefix', prefix], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const edges = new Map<string, Set<string>>();
  const walk = (node: NpmTreeNode, parent: string | undefined) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      const id = `${name}@${child.version}`;
      if (!edges.has(id)) edges.set(id, new Set());
      if (parent) edges.get(parent)!.add(id);
      walk(child, id);
    }
  };
  walk(JSON.parse(out) as NpmTreeNode, undefined);
  return edges;
}

describe('npm analyzer on the application image (OCI layout: Debian layer, then npm install)', () => {
  let npm: Package[];
  let warnings: string[];
  /** The npm layer is the image's last (the image may also be built as one layer). */
  let appLayer: number;
  let truth: Map<string, Set<string>>;

  before(async () => {
    const image = appImage();
    const { inventory } = await buildInventoryWithStats(`oci:${image.oci}:apps`, {
      analyzers: [osAnalyzer, dpkgAnalyzer, npmAnalyzer] as Analyzer[],
      noCache: true,
    });
    npm = inventory.packages.filter((p) => p.type === 'npm');
    // the image's own device files are the only thing a scan of it warns about
    warnings = inventory.warnings.filter((w) => !/skipped \d+ device files/.test(w));
    appLayer = inventory.target.layers.length - 1;
    truth = npmLs(join(image.rootfs, 'srv', 'app'));
  });

  const app = () => npm.filter((p) => p.location.startsWith('srv/app/'));
  const debian = () => npm.filter((p) => p.location.startsWith('usr/share/nodejs/'));

  it('reports exactly the 74 packages `npm ls --all` lists for /srv/app, each from its package.json', () => {
    assert.deepEqual(warnings, []);
    assert.equal(truth.size, 74);
    assert.deepEqual(app().map(key).sort(), [...truth.keys()].sort());
    assert.ok(app().every((p) => p.location.endsWith('/package.json') && p.layer === appLayer));
    assert.equal(npm.length, 74 + 25, 'and nothing from lock files: the app lock is all installed');
  });

  it("resolves every package's dependencies to the same installed copies npm ls shows", () => {
    for (const p of app()) {
      const expected = [...truth.get(key(p))!].map(purl).sort();
      assert.deepEqual(p.dependsOn, expected, key(p));
    }
  });

  it('express: identity, licence, location and layer', () => {
    const express = app().find((p) => p.name === 'express')!;
    assert.deepEqual(
      { ...express, dependsOn: express.dependsOn.length },
      {
        type: 'npm',
        name: 'express',
        version: '4.19.2',
        licenses: [{ expression: 'MIT' }],
        purl: 'pkg:npm/express@4.19.2',
        files: [],
        dependsOn: 31,
        layer: appLayer,
        foundBy: 'npm',
        location: 'srv/app/node_modules/express/package.json',
      },
    );
  });

  it('scoped and nested packages: @types/node, and send’s own ms beside the top-level one', () => {
    const types = app().find((p) => p.name === '@types/node')!;
    assert.equal(types.purl, 'pkg:npm/%40types/node@20.11.30');
    assert.deepEqual(types.dependsOn, ['pkg:npm/undici-types@5.26.5']);
    const ms = app().filter((p) => p.name === 'ms');
    assert.deepEqual(
      ms.map((p) => [p.version, p.location]),
      [
        ['2.0.0', 'srv/app/node_modules/ms/package.json'],
        ['2.1.3', 'srv/app/node_modules/send/node_modules/ms/package.json'],
      ],
    );
    const send = app().find((p) => p.name === 'send')!;
    assert.ok(send.dependsOn.includes('pkg:npm/ms@2.1.3'));
    assert.ok(!send.dependsOn.includes('pkg:npm/ms@2.0.0'));
  });

  it("utils-merge's old `licenses` array becomes an SPDX licence", () => {
    const merge = app().find((p) => p.name === 'utils-merge')!;
    assert.deepEqual(merge.licenses, [{ expression: 'MIT' }]);
  });

  it("Debian's node-* packages in /usr/share/nodejs: 25 packages from layer 0, managed by dpkg", () => {
    const pkgs = debian();
    assert.deepEqual(pkgs.map(key), [
      '@types/busboy@1.5.0',
      '@types/node@18.18.14',
      'acorn@8.8.1',
      'acorn-bigint@1.0.0',
      'acorn-class-fields@1.0.0',
      'acorn-dynamic-import@4.0.0',
      'acorn-export-ns-from@0.2.0',
      'acorn-globals@6.0.0',
      'acorn-import-assertions@1.8.0',
      'acorn-import-meta@1.1.0',
      'acorn-jsx@5.3.1',
      'acorn-loose@8.3.0',
      'acorn-node@2.0.1',
      'acorn-numeric-separator@0.3.4',
      'acorn-private-class-elements@1.0.0',
      'acorn-private-methods@1.0.0',
      'acorn-static-class-features@1.0.0',
      'acorn-walk@8.2.0',
      'binary-search@1.3.6',
      'busboy@1.6.0',
      'cjs-module-lexer@1.2.2',
      'streamsearch@1.1.0',
      'undici@5.15.0',
      'undici-types@5.15.0',
      'xtend@4.0.2',
    ]);
    assert.ok(pkgs.every((p) => p.layer === 0 && p.managedBy?.type === 'deb'));
    const busboy = pkgs.find((p) => p.name === 'busboy')!;
    assert.deepEqual(busboy.licenses, [{ expression: 'MIT' }]);
    assert.deepEqual(busboy.dependsOn, ['pkg:npm/streamsearch@1.1.0']);
    assert.match(busboy.managedBy!.purl, /^pkg:deb\/debian\/node-busboy@/);
    // Node's Debian build searches /usr/share/nodejs as a global folder
    const acornNode = pkgs.find((p) => p.name === 'acorn-node')!;
    assert.deepEqual(acornNode.dependsOn, [
      'pkg:npm/acorn-walk@8.2.0',
      'pkg:npm/acorn@8.8.1',
      'pkg:npm/xtend@4.0.2',
    ]);
  });

  it("does not report a Ruby gem's editor-extension lock file as an application", () => {
    assert.ok(!npm.some((p) => p.location.includes('/gems/')));
  });
});

describe('npm analyzer on a real npm workspace (a node_modules link to packages/util)', async () => {
  const { packages, warnings, at } = await scan(fixturePath('npm', 'workspace'));

  it('reports the workspace package through its link, and the three registry packages, once each', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => [key(p), p.location]),
      [
        ['@acme/util@1.2.0', 'srv/ws/packages/util/package.json'],
        ['@types/ms@0.7.34', 'srv/ws/node_modules/@types/ms/package.json'],
        ['ms@2.0.0', 'srv/ws/packages/util/node_modules/ms/package.json'],
        ['ms@2.1.3', 'srv/ws/node_modules/ms/package.json'],
      ],
    );
  });

  it('the linked package resolves its dependencies from its real folder', () => {
    assert.deepEqual(at('srv/ws/packages/util/package.json'), {
      type: 'npm',
      name: '@acme/util',
      version: '1.2.0',
      licenses: [{ expression: 'Apache-2.0' }],
      purl: 'pkg:npm/%40acme/util@1.2.0',
      files: [],
      dependsOn: ['pkg:npm/ms@2.0.0'],
      layer: 0,
      foundBy: 'npm',
      location: 'srv/ws/packages/util/package.json',
      properties: { 'npm.link': 'srv/ws/node_modules/@acme/util' },
    });
  });

  it('an installed package the lock marks as a development dependency carries npm.dev', () => {
    assert.deepEqual(at('srv/ws/node_modules/@types/ms/package.json').properties, {
      'npm.dev': 'true',
    });
    assert.equal(at('srv/ws/node_modules/ms/package.json').properties, undefined);
  });
});

describe('npm analyzer: lock files in application directories', () => {
  const expectedNpmLock = ['@types/ms@0.7.34', 'debug@2.6.9', 'ms@1.0.0', 'ms@2.0.0', 'ms@2.1.3'];

  for (const version of [1, 2, 3]) {
    it(`package-lock.json v${version} (generated by npm): the aliased, nested and dev packages`, async () => {
      const { packages, warnings, named } = await scan({
        'srv/app/package-lock.json': lockFixture(`package-lock-v${version}.json`),
      });
      assert.deepEqual(warnings, []);
      assert.deepEqual(packages.map(key), expectedNpmLock);
      assert.ok(packages.every((p) => p.location === 'srv/app/package-lock.json' && p.layer === 0));
      assert.deepEqual(named('@types/ms@0.7.34').properties, { 'npm.dev': 'true' });
      assert.equal(named('ms@1.0.0').purl, 'pkg:npm/ms@1.0.0', 'old-ms is an alias of ms');
      assert.deepEqual(named('debug@2.6.9').dependsOn, ['pkg:npm/ms@2.0.0']);
      // v2 and v3 record licences; v1 does not
      assert.deepEqual(named('debug@2.6.9').licenses, version === 1 ? [] : [{ expression: 'MIT' }]);
    });
  }

  it('npm-shrinkwrap.json is read as a package lock', async () => {
    const { packages } = await scan({
      'opt/tool/npm-shrinkwrap.json': lockFixture('package-lock-v3.json'),
    });
    assert.deepEqual(packages.map(key), expectedNpmLock);
  });

  it('yarn.lock v1 (classic): 18 packages, ranges resolved to the locked versions', async () => {
    const { packages, warnings, named } = await scan({
      'app/yarn.lock': lockFixture('yarn-v1.lock'),
    });
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 18);
    assert.deepEqual(named('@babel/helper-regex@7.4.4'), {
      type: 'npm',
      name: '@babel/helper-regex',
      version: '7.4.4',
      licenses: [],
      purl: 'pkg:npm/%40babel/helper-regex@7.4.4',
      files: [],
      dependsOn: ['pkg:npm/lodash@4.17.11'],
      layer: 0,
      foundBy: 'npm',
      location: 'app/yarn.lock',
    });
    assert.deepEqual(named('wide-align@1.1.3').dependsOn, ['pkg:npm/string-width@2.1.1']);
    assert.deepEqual(named('string-width@2.1.1').dependsOn, [
      'pkg:npm/is-fullwidth-code-point@2.0.0',
      'pkg:npm/strip-ansi@4.0.0',
    ]);
    assert.deepEqual(packages.filter((p) => p.name === 'ansi-regex').map(key), [
      'ansi-regex@2.1.1',
      'ansi-regex@3.0.0',
    ]);
  });

  it('yarn.lock berry: 17 packages, the workspace itself left out, the patched fsevents kept', async () => {
    const { packages, warnings, named } = await scan({
      'app/yarn.lock': lockFixture('yarn-berry.lock'),
    });
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 17);
    assert.ok(!packages.some((p) => p.name === 'code'));
    assert.deepEqual(named('fsevents@2.1.3').dependsOn, ['pkg:npm/node-gyp@7.1.0']);
    assert.deepEqual(named('ansi-styles@4.2.1').dependsOn, [
      'pkg:npm/%40types/color-name@1.1.1',
      'pkg:npm/color-convert@2.0.1',
    ]);
    assert.equal(named('ipaddr.js@1.9.1').purl, 'pkg:npm/ipaddr.js@1.9.1');
  });

  for (const version of [5, 6]) {
    it(`pnpm-lock.yaml v${version}: 3 packages`, async () => {
      const { packages, warnings, named } = await scan({
        'app/pnpm-lock.yaml': lockFixture(`pnpm-lock-v${version}.yaml`),
      });
      assert.deepEqual(warnings, []);
      assert.deepEqual(packages.map(key), ['asap@2.0.6', 'jquery@3.6.0', 'promise@8.1.0']);
      assert.deepEqual(named('promise@8.1.0').dependsOn, ['pkg:npm/asap@2.0.6']);
    });
  }

  it('pnpm-lock.yaml v9: tarball versions, local folders left out, dev from the importers', async () => {
    const { packages, warnings, named } = await scan({
      'app/pnpm-lock.yaml': lockFixture('pnpm-lock-v9.yaml'),
    });
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 21);
    assert.ok(!packages.some((p) => p.name === 'package1'));
    assert.deepEqual(named('debug@4.3.5').dependsOn, ['pkg:npm/ms@2.1.2']);
    assert.equal(named('is-negative@2.0.1').purl, 'pkg:npm/is-negative@2.0.1');
    const dev = packages.filter((p) => p.properties?.['npm.dev'] === 'true').map(key);
    // ms@2.0.0 is a devDependency too, but finalhandler -> debug@4.3.4 needs it in production
    assert.deepEqual(dev, ['await-sleep@0.0.1', 'jquery@3.6.0', 'lodash@4.17.21']);
  });

  it('an installed package is reported once, from its package.json; the rest of the lock from the lock', async () => {
    const rootfs = appImage().rootfs;
    const installed = (name: string) =>
      readFileSync(join(rootfs, 'srv/app/node_modules', name, 'package.json'));
    const { packages, named } = await scan({
      'app/package-lock.json': lockFixture('package-lock-v3.json'),
      'app/node_modules/debug/package.json': installed('debug'), // 2.6.9
      'app/node_modules/debug/node_modules/ms/package.json': installed('ms'), // 2.0.0
    });
    assert.deepEqual(
      packages.map((p) => [key(p), p.location]),
      [
        ['@types/ms@0.7.34', 'app/package-lock.json'],
        ['debug@2.6.9', 'app/node_modules/debug/package.json'],
        ['ms@1.0.0', 'app/package-lock.json'],
        ['ms@2.0.0', 'app/node_modules/debug/node_modules/ms/package.json'],
        ['ms@2.1.3', 'app/package-lock.json'],
      ],
    );
    assert.deepEqual(named('debug@2.6.9').dependsOn, ['pkg:npm/ms@2.0.0']);
  });

  it('two lock files in one folder report a package once; another folder reports its own', async () => {
    const { packages } = await scan({
      'app/package-lock.json': lockFixture('package-lock-v1.json'),
      'app/npm-shrinkwrap.json': lockFixture('package-lock-v3.json'),
      'other/package-lock.json': lockFixture('package-lock-v2.json'),
    });
    assert.equal(packages.length, 10);
    assert.deepEqual([...new Set(packages.map((p) => p.location))].sort(), [
      'app/npm-shrinkwrap.json',
      'other/package-lock.json',
    ]);
  });

  it('a lock-only package comes from the layer that first locked that version', async () => {
    const v3 = JSON.parse(lockFixture('package-lock-v3.json').toString()) as {
      packages: Record<string, unknown>;
    };
    v3.packages['node_modules/ms'] = { version: '2.1.2', license: 'MIT' };
    const { packages } = await scan(
      { 'app/package-lock.json': lockFixture('package-lock-v3.json') },
      { 'app/package-lock.json': JSON.stringify(v3) },
    );
    assert.deepEqual(
      packages.map((p) => [key(p), p.layer]),
      [
        ['@types/ms@0.7.34', 0],
        ['debug@2.6.9', 0],
        ['ms@1.0.0', 0],
        ['ms@2.0.0', 0],
        ['ms@2.1.2', 1],
      ],
    );
  });

  it('lock files inside node_modules, gems, site-packages and vendor folders are not applications', async () => {
    const lock = lockFixture('package-lock-v3.json');
    const { packages } = await scan({
      'app/node_modules/.package-lock.json': lock,
      'app/node_modules/foo/package-lock.json': lock,
      'usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json': lock,
      'usr/lib/python3/dist-packages/x/yarn.lock': lockFixture('yarn-v1.lock'),
      'app/vendor/twbs/bootstrap/package-lock.json': lock,
    });
    assert.deepEqual(packages, []);
  });
});

describe('npm analyzer: which package.json files are packages', () => {
  it('only root manifests in node_modules; an application manifest and nested fixtures are not packages', async () => {
    const manifest = (name: string, version: string) => JSON.stringify({ name, version });
    const { packages } = await scan({
      'app/package.json': manifest('my-app', '1.0.0'),
      'app/node_modules/a/package.json': manifest('a', '1.0.0'),
      'app/node_modules/a/test/fixture/package.json': manifest('fixture', '0.0.0'),
      'app/node_modules/a/lib/package.json': JSON.stringify({ type: 'module' }),
      'app/node_modules/@s/b/package.json': manifest('@s/b', '2.0.0'),
      'app/node_modules/@s/b/node_modules/c/package.json': manifest('c', '3.0.0'),
      'app/node_modules/.pnpm/d@4.0.0/node_modules/d/package.json': manifest('d', '4.0.0'),
      'usr/lib/x86_64-linux-gnu/nodejs/e/package.json': manifest('e', '5.0.0'),
    });
    assert.deepEqual(
      packages.map((p) => [key(p), p.location]),
      [
        ['@s/b@2.0.0', 'app/node_modules/@s/b/package.json'],
        ['a@1.0.0', 'app/node_modules/a/package.json'],
        ['c@3.0.0', 'app/node_modules/@s/b/node_modules/c/package.json'],
        ['d@4.0.0', 'app/node_modules/.pnpm/d@4.0.0/node_modules/d/package.json'],
        ['e@5.0.0', 'usr/lib/x86_64-linux-gnu/nodejs/e/package.json'],
      ],
    );
  });

  it("pnpm's virtual store: a dependency resolves through the store's symlink", async () => {
    const manifest = (name: string, version: string, dependencies = {}) =>
      JSON.stringify({ name, version, dependencies });
    const { packages } = await scan({
      'app/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json': manifest('a', '1.0.0', {
        b: '^2',
      }),
      'app/node_modules/.pnpm/a@1.0.0/node_modules/b': { symlink: '../../b@2.0.0/node_modules/b' },
      'app/node_modules/.pnpm/b@2.0.0/node_modules/b/package.json': manifest('b', '2.0.0'),
      'app/node_modules/a': { symlink: '.pnpm/a@1.0.0/node_modules/a' },
    });
    assert.deepEqual(
      packages.map((p) => [key(p), p.dependsOn]),
      [
        ['a@1.0.0', ['pkg:npm/b@2.0.0']],
        ['b@2.0.0', []],
      ],
    );
  });
});

describe('npm analyzer: layers', () => {
  it('a package comes from the layer that installed its version; a deleted one is gone', async () => {
    const manifest = (name: string, version: string) => JSON.stringify({ name, version });
    const { packages } = await scan(
      {
        'app/node_modules/same/package.json': manifest('same', '1.0.0'),
        'app/node_modules/upgraded/package.json': manifest('upgraded', '1.0.0'),
        'app/node_modules/removed/package.json': manifest('removed', '1.0.0'),
      },
      {
        'app/node_modules/same/package.json': manifest('same', '1.0.0'), // rewritten, same version
        'app/node_modules/upgraded/package.json': manifest('upgraded', '2.0.0'),
        'app/node_modules/removed': null,
      },
    );
    assert.deepEqual(
      packages.map((p) => [key(p), p.layer]),
      [
        ['same@1.0.0', 0],
        ['upgraded@2.0.0', 1],
      ],
    );
  });
});

describe('npm analyzer: damaged files', () => {
  it('warns naming each damaged file and still reports the rest', async () => {
    const { packages, warnings } = await scan({
      'app/node_modules/good/package.json': JSON.stringify({ name: 'good', version: '1.0.0' }),
      'app/node_modules/broken/package.json': '{"name": "broken", "version": ',
      'app/node_modules/nameless/package.json': JSON.stringify({ description: 'no identity' }),
      'app/package-lock.json': lockFixture('package-lock-v3.json').subarray(0, 700),
      'web/yarn.lock': '__metadata:\n  version: 6\n"a@npm:1": [unclosed\n',
      'api/pnpm-lock.yaml': 'lockfileVersion: "6.0"\npackages:\n  /x@1.0.0: {dev: true\n',
      'cli/yarn.lock': 'this is not a yarn lock file\n',
    });
    assert.deepEqual(packages.map(key), ['good@1.0.0']);
    assert.equal(warnings.length, 5, warnings.join('\n'));
    const about = (path: string) => warnings.filter((w) => w.includes(path));
    assert.match(about('app/node_modules/broken/package.json')[0]!, /not valid JSON/);
    assert.deepEqual(
      about('nameless'),
      [],
      'a manifest without a version is no package, but not damaged',
    );
    assert.match(about('app/package-lock.json')[0]!, /not valid JSON/);
    assert.match(about('web/yarn.lock')[0]!, /not valid YAML/);
    assert.match(about('api/pnpm-lock.yaml')[0]!, /not valid YAML/);
    assert.match(about('cli/yarn.lock')[0]!, /unreadable lines/);
  });
});
