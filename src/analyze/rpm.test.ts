import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LayerRef } from '../model/layer.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import { FileTree } from '../source/file-tree.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import type { Analyzer, FactVersion } from './analyzer.js';
import { osAnalyzer } from './os-release.js';
import { rpmAnalyzer, type RpmFact } from './rpm.js';

const AZURE = { family: 'azurelinux', version: '2.0', source: 'etc/os-release' } satisfies OsInfo;
const SLES = { family: 'sles', version: '15.5', source: 'etc/os-release' } satisfies OsInfo;
const SQLITE_PATH = 'var/lib/rpm/rpmdb.sqlite';

async function parseFixture(path: string, ...fixture: string[]): Promise<RpmFact> {
  const warnings: string[] = [];
  const fact = await rpmAnalyzer.parse(
    { path, content: readFileSync(fixturePath('rpm', ...fixture)) },
    (m) => warnings.push(m),
  );
  assert.deepEqual(warnings, []);
  assert.ok(fact);
  return fact;
}

const azureFact = await parseFixture(
  SQLITE_PATH,
  'azurelinux-cbl-mariner-2.0-sqlite',
  'rpmdb.sqlite',
);

async function assemble(
  facts: Record<string, FactVersion<RpmFact>[]>,
  os: OsInfo | undefined,
): Promise<{ packages: Package[]; warnings: string[] }> {
  const warnings: string[] = [];
  const layers: LayerRef[] = [0, 1, 2, 3].map((index) => ({ index, diffId: `sha256:${index}` }));
  const result = await rpmAnalyzer.assemble({
    facts: new Map(Object.entries(facts)),
    tree: new FileTree([]),
    layers,
    os,
    layerFacts: [],
    warn: (m) => warnings.push(m),
  });
  return { packages: result.packages ?? [], warnings };
}

function byName(packages: Package[], name: string): Package {
  const found = packages.find((p) => p.name === name);
  assert.ok(found, `${name} is reported`);
  return found;
}

describe('rpm analyzer: wants and parse', () => {
  it('wants the three database files in both locations only', () => {
    const entry = { size: 1, mode: 0o644 };
    for (const path of [
      'var/lib/rpm/rpmdb.sqlite',
      'var/lib/rpm/Packages',
      'var/lib/rpm/Packages.db',
      'usr/lib/sysimage/rpm/rpmdb.sqlite',
      'usr/lib/sysimage/rpm/Packages',
      'usr/lib/sysimage/rpm/Packages.db',
    ]) {
      assert.equal(rpmAnalyzer.wants(path, entry), true, path);
    }
    for (const path of [
      'var/lib/rpm/Basenames',
      'var/lib/rpm/rpmdb.sqlite-wal',
      'opt/rpm/Packages',
    ]) {
      assert.equal(rpmAnalyzer.wants(path, entry), false, path);
    }
  });

  it('makes a JSON-serialisable fact of the packages, with files, provides and requires', () => {
    assert.equal(azureFact.backend, 'sqlite');
    assert.equal(azureFact.packages.length, 129);
    assert.deepEqual(JSON.parse(JSON.stringify(azureFact)), azureFact);
    const bash = azureFact.packages.find((p) => p.name === 'bash')!;
    assert.ok(bash.files.includes('/bin/bash'));
    assert.ok(bash.provides.includes('/bin/sh'));
    assert.ok(bash.requires.includes('libc.so.6()(64bit)'));
  });

  it('throws an InputError for a garbage database, which the scan turns into a warning', async () => {
    await assert.rejects(
      async () =>
        rpmAnalyzer.parse(
          { path: 'var/lib/rpm/Packages', content: Buffer.alloc(8192, 0x37) },
          () => {},
        ),
      /^InputError: var\/lib\/rpm\/Packages: not a Berkeley DB hash database/,
    );
  });
});

describe('rpm analyzer: assemble', () => {
  it('reports every package with its version, purl, source, licence, files and location', async () => {
    const { packages, warnings } = await assemble(
      { [SQLITE_PATH]: [{ fact: azureFact, layer: 0 }] },
      AZURE,
    );
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 129);
    const bash = byName(packages, 'bash');
    assert.deepEqual(
      { ...bash, files: bash.files.slice(0, 3), dependsOn: [] },
      {
        type: 'rpm',
        name: 'bash',
        version: '5.1.8-1.cm2',
        arch: 'x86_64',
        source: { name: 'bash', version: '5.1.8-1.cm2' },
        licenses: [{ text: 'GPLv3' }],
        purl: 'pkg:rpm/azurelinux/bash@5.1.8-1.cm2?arch=x86_64&distro=azurelinux-2.0',
        files: ['bin/bash', 'bin/bashbug', 'bin/sh'],
        dependsOn: [],
        layer: 0,
        foundBy: 'rpm',
        location: SQLITE_PATH,
        maintainer: 'Microsoft Corporation',
        description: bash.description,
      },
    );
    assert.match(bash.description!, /shell/i);
    assert.deepEqual(byName(packages, 'mariner-release').licenses, [{ expression: 'MIT' }]);
    const util = byName(packages, 'util-linux-devel');
    assert.equal(util.source?.name, 'util-linux');
  });

  it('keeps the epoch, as a field always and as a purl qualifier when not 0', async () => {
    const { packages } = await assemble({ [SQLITE_PATH]: [{ fact: azureFact, layer: 0 }] }, AZURE);
    const ca = byName(packages, 'ca-certificates-base');
    assert.equal(ca.epoch, 1);
    assert.equal(ca.version, '2.0.0-1.cm2');
    assert.equal(
      ca.purl,
      'pkg:rpm/azurelinux/ca-certificates-base@2.0.0-1.cm2?arch=noarch&distro=azurelinux-2.0&epoch=1',
    );
    assert.equal(byName(packages, 'bash').epoch, undefined);
  });

  it('sorts packages and files, and every purl is unique', async () => {
    const { packages } = await assemble({ [SQLITE_PATH]: [{ fact: azureFact, layer: 0 }] }, AZURE);
    const names = packages.map((p) => p.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    assert.equal(new Set(packages.map((p) => p.purl)).size, packages.length);
    for (const p of packages) {
      assert.deepEqual(
        p.files,
        [...p.files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.ok(p.files.every((f) => !f.startsWith('/')));
    }
  });

  it('links requires through provides and file lists: sorted, installed targets only, no self edges', async () => {
    const { packages } = await assemble({ [SQLITE_PATH]: [{ fact: azureFact, layer: 0 }] }, AZURE);
    const purls = new Set(packages.map((p) => p.purl));
    const purlOf = (name: string) => byName(packages, name).purl;
    const bash = byName(packages, 'bash');
    // libc.so.6()(64bit) and readline by provides; /bin/cp and /bin/grep only through the owners' file lists.
    for (const target of ['glibc', 'readline', 'coreutils', 'grep']) {
      assert.ok(bash.dependsOn.includes(purlOf(target)), `bash -> ${target}`);
    }
    assert.ok(
      !bash.dependsOn.includes(bash.purl),
      'bash requires /bin/sh, which it provides itself',
    );
    assert.ok(byName(packages, 'zlib-devel').dependsOn.includes(purlOf('pkgconf-pkg-config')));
    for (const p of packages) {
      assert.deepEqual(
        p.dependsOn,
        [...p.dependsOn].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.ok(!p.dependsOn.includes(p.purl), `${p.name} has no self edge`);
      for (const d of p.dependsOn) assert.ok(purls.has(d), `${p.name} -> ${d} is installed`);
    }
    assert.deepEqual(byName(packages, 'filesystem').dependsOn, []);
  });

  it('gives each package the layer whose database copy first held that exact package', async () => {
    const without = (name: string): RpmFact => ({
      backend: 'sqlite',
      packages: azureFact.packages.filter((p) => p.name !== name),
    });
    const olderGlibc: RpmFact = {
      backend: 'sqlite',
      packages: azureFact.packages.map((p) =>
        p.name === 'glibc' ? { ...p, release: '0.cm2' } : p,
      ),
    };
    const { packages } = await assemble(
      {
        [SQLITE_PATH]: [
          { fact: without('bash'), layer: 0 },
          { fact: olderGlibc, layer: 1 },
          { fact: azureFact, layer: 3 },
        ],
      },
      AZURE,
    );
    assert.equal(byName(packages, 'bash').layer, 1);
    assert.equal(byName(packages, 'glibc').layer, 3);
    assert.equal(byName(packages, 'filesystem').layer, 0);
  });

  it('reads the NDB database of SUSE with the opensuse vendor and the sles distro', async () => {
    const fact = await parseFixture(
      'usr/lib/sysimage/rpm/Packages.db',
      'suse-sle15-bci-ndb',
      'Packages.db',
    );
    const { packages } = await assemble(
      { 'usr/lib/sysimage/rpm/Packages.db': [{ fact, layer: 0 }] },
      SLES,
    );
    assert.equal(packages.length, 35);
    const glibc = byName(packages, 'glibc');
    assert.match(
      glibc.purl,
      /^pkg:rpm\/opensuse\/glibc@2\.\d+-[\w.]+\?arch=x86_64&distro=sles-15\.5$/,
    );
    assert.equal(glibc.location, 'usr/lib/sysimage/rpm/Packages.db');
    assert.ok(byName(packages, 'bash').dependsOn.includes(glibc.purl));
    for (const p of packages) {
      assert.ok(p.version && p.arch && p.source, `${p.name} has version, arch and source`);
    }
  });

  it('reads the newest of several databases and names the others in a warning', async () => {
    const bdbFact = await parseFixture('var/lib/rpm/Packages', 'libuuid-bdb', 'Packages');
    const sysimage = 'usr/lib/sysimage/rpm/rpmdb.sqlite';
    const { packages, warnings } = await assemble(
      {
        'var/lib/rpm/Packages': [{ fact: bdbFact, layer: 0 }],
        [sysimage]: [{ fact: azureFact, layer: 1 }],
      },
      AZURE,
    );
    assert.equal(packages.length, 129);
    assert.ok(packages.every((p) => p.location === sysimage));
    assert.deepEqual(warnings, [
      `rpm: several package databases; read ${sysimage}, ignored var/lib/rpm/Packages`,
    ]);
    const sameLayer = await assemble(
      {
        'var/lib/rpm/Packages': [{ fact: bdbFact, layer: 2 }],
        [sysimage]: [{ fact: azureFact, layer: 2 }],
      },
      AZURE,
    );
    assert.equal(sameLayer.packages.length, 129, 'the newer backend wins a tie');
  });

  it('leaves namespace and distro out when the OS is unknown, and reports nothing without a database', async () => {
    const { packages } = await assemble(
      { [SQLITE_PATH]: [{ fact: azureFact, layer: 0 }] },
      undefined,
    );
    assert.equal(byName(packages, 'bash').purl, 'pkg:rpm/bash@5.1.8-1.cm2?arch=x86_64');
    assert.deepEqual((await assemble({}, AZURE)).packages, []);
  });
});

describe('rpm analyzer in a scan', () => {
  it('inventories a root filesystem with a SUSE database behind a var/lib/rpm symlink, cached losslessly', async () => {
    const { dir, remove } = scratchDir('rpm-rootfs');
    const cache = scratchDir('rpm-cache');
    try {
      mkdirSync(join(dir, 'etc'), { recursive: true });
      writeFileSync(join(dir, 'etc/os-release'), 'ID="sles"\nVERSION_ID="15.5"\n');
      mkdirSync(join(dir, 'usr/lib/sysimage/rpm'), { recursive: true });
      copyFileSync(
        fixturePath('rpm', 'suse-sle15-bci-ndb', 'Packages.db'),
        join(dir, 'usr/lib/sysimage/rpm/Packages.db'),
      );
      mkdirSync(join(dir, 'var/lib'), { recursive: true });
      symlinkSync('../../usr/lib/sysimage/rpm', join(dir, 'var/lib/rpm'));
      const options = {
        analyzers: [osAnalyzer, rpmAnalyzer] as Analyzer[],
        cacheDir: cache.dir,
      };
      const first = await buildInventoryWithStats(`dir:${dir}`, options);
      const again = await buildInventoryWithStats(`dir:${dir}`, options);
      assert.equal(again.stats.layersFromCache, 1);
      assert.deepEqual(again.inventory.packages, first.inventory.packages);
      const { packages, warnings } = first.inventory;
      assert.deepEqual(warnings, []);
      assert.equal(packages.length, 35);
      assert.ok(
        packages.every(
          (p) => p.type === 'rpm' && p.location === 'usr/lib/sysimage/rpm/Packages.db',
        ),
      );
      assert.match(byName(packages, 'bash').purl, /^pkg:rpm\/opensuse\/bash@.*&distro=sles-15\.5$/);
    } finally {
      remove();
      cache.remove();
    }
  });

  it('warns about a garbage database, naming the file and the problem, and goes on', async () => {
    const { dir, remove } = scratchDir('rpm-garbage');
    try {
      mkdirSync(join(dir, 'var/lib/rpm'), { recursive: true });
      writeFileSync(join(dir, 'var/lib/rpm/Packages'), Buffer.alloc(10000, 0x5a));
      const { inventory } = await buildInventoryWithStats(`dir:${dir}`, {
        analyzers: [osAnalyzer, rpmAnalyzer] as Analyzer[],
        noCache: true,
      });
      assert.deepEqual(inventory.packages, []);
      assert.equal(inventory.warnings.length, 1);
      assert.match(
        inventory.warnings[0]!,
        /var\/lib\/rpm\/Packages: .*not a Berkeley DB hash database/,
      );
    } finally {
      remove();
    }
  });
});
