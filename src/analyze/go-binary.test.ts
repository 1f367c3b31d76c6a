import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { dpkgAnalyzer } from './dpkg.js';
import { goBinaryAnalyzer } from './go-binary.js';

const root = fixturePath('go', 'rootfs');
const amd64 = readFileSync(join(root, 'usr', 'local', 'bin', 'hello'));

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([goBinaryAnalyzer], layers);
  const at = (location: string, purl: string): Package => {
    const found = result.packages.filter((p) => p.location === location && p.purl === purl);
    assert.equal(found.length, 1, `one ${purl} in ${location}`);
    return found[0]!;
  };
  return { ...result, at };
}

describe('go-binary analyzer on stripped Go 1.19 binaries with replaced modules', async () => {
  const { packages, warnings, at } = await scan(root);
  const hello = 'usr/local/bin/hello';

  it('finds 4 packages in each of the two binaries, skipping the shell script, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => `${p.location} ${p.purl}`),
      [
        'opt/mips/hello pkg:golang/example.com/colour-fork@v0.3.2',
        'usr/local/bin/hello pkg:golang/example.com/colour-fork@v0.3.2',
        'opt/mips/hello pkg:golang/example.com/greeter@v1.2.0',
        'usr/local/bin/hello pkg:golang/example.com/greeter@v1.2.0',
        'opt/mips/hello pkg:golang/example.com/local@v0.1.0',
        'usr/local/bin/hello pkg:golang/example.com/local@v0.1.0',
        'opt/mips/hello pkg:golang/stdlib@v1.19.8',
        'usr/local/bin/hello pkg:golang/stdlib@v1.19.8',
      ],
    );
  });

  it('the standard library at the toolchain version carries the binary-wide facts', () => {
    assert.deepEqual(at(hello, 'pkg:golang/stdlib@v1.19.8'), {
      type: 'golang',
      name: 'stdlib',
      version: 'v1.19.8',
      purl: 'pkg:golang/stdlib@v1.19.8',
      licenses: [],
      files: [],
      dependsOn: [],
      layer: 0,
      foundBy: 'go-binary',
      location: hello,
      properties: {
        'go.toolchain': 'go1.19.8',
        'go.path': 'example.com/hello',
        'go.build.-compiler': 'gc',
        'go.build.-tags': 'seawall,fixture',
        'go.build.-trimpath': 'true',
        'go.build.CGO_ENABLED': '1',
        'go.build.GOARCH': 'amd64',
        'go.build.GOOS': 'linux',
        'go.build.GOAMD64': 'v1',
      },
    });
    assert.equal(
      at('opt/mips/hello', 'pkg:golang/stdlib@v1.19.8').properties?.['go.build.GOARCH'],
      'mips',
    );
  });

  it('a module replaced by another module version is reported as the code the binary holds', () => {
    const fork = at(hello, 'pkg:golang/example.com/colour-fork@v0.3.2');
    assert.equal(fork.name, 'example.com/colour-fork');
    assert.equal(fork.version, 'v0.3.2');
    assert.equal(fork.confidence, undefined);
    assert.deepEqual(fork.properties, {
      'go.replace': 'example.com/colour-fork@v0.3.2',
      'go.required': 'example.com/colour@v0.3.1',
    });
  });

  it('a module replaced by a local directory keeps its required identity, with medium confidence', () => {
    const local = at(hello, 'pkg:golang/example.com/local@v0.1.0');
    assert.equal(local.confidence, 'medium');
    assert.deepEqual(local.properties, {
      'go.replace': './local',
      'go.required': 'example.com/local@v0.1.0',
    });
    const greeter = at(hello, 'pkg:golang/example.com/greeter@v1.2.0');
    assert.equal(greeter.properties, undefined);
    assert.equal(greeter.name, 'example.com/greeter');
  });

  it('the main module is not a package while its version is (devel)', () => {
    assert.equal(packages.filter((p) => p.name === 'example.com/hello').length, 0);
  });

  it('a binary replaced in a later layer is reported from that layer', async () => {
    const later = await scan(root, { 'usr/local/bin/hello': null });
    assert.deepEqual(
      later.packages.map((p) => p.location),
      ['opt/mips/hello', 'opt/mips/hello', 'opt/mips/hello', 'opt/mips/hello'],
    );
  });
});

describe('go-binary analyzer on the app image (Debian bookworm runc)', async () => {
  const { packages, warnings } = await scan(appImage().rootfs);

  it('runc is the only Go binary; Debian builds it in GOPATH mode, so it lists no modules', () => {
    // `go version -m usr/sbin/runc` prints go1.19.8, `path github.com/opencontainers/runc` and the build settings
    // below, and no mod or dep lines: the only package is the standard library.
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 1);
    assert.deepEqual(packages[0], {
      type: 'golang',
      name: 'stdlib',
      version: 'v1.19.8',
      purl: 'pkg:golang/stdlib@v1.19.8',
      licenses: [],
      files: [],
      dependsOn: [],
      layer: 0,
      foundBy: 'go-binary',
      location: 'usr/sbin/runc',
      properties: {
        'go.toolchain': 'go1.19.8',
        'go.path': 'github.com/opencontainers/runc',
        'go.build.-compiler': 'gc',
        'go.build.-tags': 'seccomp,urfave_cli_no_docs',
        'go.build.-trimpath': 'true',
        'go.build.CGO_ENABLED': '1',
        'go.build.GOARCH': 'amd64',
        'go.build.GOOS': 'linux',
        'go.build.GOAMD64': 'v1',
      },
    });
  });

  it('a scan with dpkg marks it as managed by the runc Debian package', async () => {
    const { inventory } = await buildInventoryWithStats(appImage().rootfs, {
      analyzers: [dpkgAnalyzer, goBinaryAnalyzer],
      noCache: true,
    });
    const golang = inventory.packages.filter((p) => p.type === 'golang');
    assert.equal(golang.length, 1);
    assert.equal(golang[0]!.managedBy?.type, 'deb');
    assert.match(
      golang[0]!.managedBy!.purl,
      /^pkg:deb\/debian\/runc@1\.1\.5\+ds1-1\+deb12u1\?arch=amd64/,
    );
  });
});

describe('go-binary analyzer on damaged executables', async () => {
  const scratch = scratchDir('go-binary');
  after(scratch.remove);
  const bin = join(scratch.dir, 'bin');
  mkdirSync(bin);
  const write = (name: string, content: Buffer) =>
    writeFileSync(join(bin, name), content, { mode: 0o755 });

  const garbage = Buffer.alloc(4096, 0xa5);
  garbage.write('\x7fELF', 0, 'latin1');
  write('garbage', garbage);
  write('tiny', Buffer.from('\x7fELF\x02\x01', 'latin1'));
  write('truncated', amd64.subarray(0, 200_000)); // the data segment with the build info is gone
  const bogusTable = Buffer.from(amd64);
  bogusTable.writeBigUInt64LE(0x7fffffffn, 40); // e_shoff far past the end
  write('bogus-section-table', bogusTable);
  const badBlob = Buffer.from(amd64);
  badBlob.fill(0xff, 0xd4000 + 32, 0xd4000 + 48);
  write('bad-blob', badBlob);
  const notExecutable = join(scratch.dir, 'hello.copy');
  writeFileSync(notExecutable, amd64, { mode: 0o644 });

  const { packages, warnings } = await scan(scratch.dir);

  it('warns about each damaged file by name and keeps what the intact parts give', () => {
    assert.deepEqual(warnings, [
      'layer 0: bin/bad-blob: Go build info header found but its version string is unreadable',
      'layer 0: bin/bogus-section-table: damaged ELF file: section header table out of bounds (14 entries at 2147483647)',
      'layer 0: bin/garbage: unreadable ELF file: unknown ELF class 165',
      'layer 0: bin/tiny: unreadable ELF file: ELF header truncated (6 bytes)',
      'layer 0: bin/truncated: damaged ELF file: section name table 3 missing or out of bounds',
    ]);
    // The binary with a bogus section table is still read, through its segments; a file without x bits is not read.
    assert.deepEqual(
      packages.map((p) => `${p.location} ${p.purl}`),
      [
        'bin/bogus-section-table pkg:golang/example.com/colour-fork@v0.3.2',
        'bin/bogus-section-table pkg:golang/example.com/greeter@v1.2.0',
        'bin/bogus-section-table pkg:golang/example.com/local@v0.1.0',
        'bin/bogus-section-table pkg:golang/stdlib@v1.19.8',
      ],
    );
  });
});
