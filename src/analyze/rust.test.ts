import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Package } from '../model/package.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { buildElf } from './elf/synthetic-elf.js';
import { rustAnalyzer } from './rust.js';

const root = fixturePath('rust', 'rootfs');
const binary = 'usr/local/bin/hello-auditable';
const cargo = (nameAtVersion: string) => `pkg:cargo/${nameAtVersion}`;

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([rustAnalyzer], layers);
  const at = (location: string, purl: string): Package => {
    const found = result.packages.filter((p) => p.location === location && p.purl === purl);
    assert.equal(found.length, 1, `one ${purl} in ${location}`);
    return found[0]!;
  };
  const inFile = (location: string) => result.packages.filter((p) => p.location === location);
  return { ...result, at, inFile };
}

describe('rust analyzer on a cargo-auditable binary and real Cargo.lock files', async () => {
  const { packages, warnings, at, inFile } = await scan(root);

  it('reports 102 packages from one binary and four locks, skipping the crate caches, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 9 + 63 + 12 + 10 + 8);
    assert.deepEqual([...new Set(packages.map((p) => p.location))].sort(), [
      'srv/git-deps/Cargo.lock',
      'srv/ripgrep/Cargo.lock',
      'srv/syft-v2/Cargo.lock',
      'srv/trivy-v1/Cargo.lock',
      binary,
    ]);
  });

  it('binary: the 9 runtime crates; build scripts and proc-macros left no code in it', () => {
    assert.deepEqual(
      inFile(binary).map((p) => p.purl),
      [
        cargo('hello-auditable@0.1.0'),
        cargo('internal-utils@0.4.0'),
        cargo('itoa@1.0.9'),
        cargo('libc@0.2.150'),
        cargo('regex@1.10.2'),
        cargo('regex-syntax@0.8.2'),
        cargo('ryu@1.0.15'),
        cargo('serde@1.0.193'),
        cargo('serde_json@1.0.108'),
      ],
    );
  });

  it('binary: the root crate depends on its runtime dependencies only (cc is a build dependency)', () => {
    assert.deepEqual(at(binary, cargo('hello-auditable@0.1.0')), {
      type: 'cargo',
      name: 'hello-auditable',
      version: '0.1.0',
      purl: cargo('hello-auditable@0.1.0'),
      licenses: [],
      files: [],
      dependsOn: [
        cargo('internal-utils@0.4.0'),
        cargo('libc@0.2.150'),
        cargo('regex@1.10.2'),
        cargo('serde@1.0.193'),
        cargo('serde_json@1.0.108'),
      ],
      layer: 0,
      foundBy: 'rust',
      location: binary,
      properties: { 'cargo.source': 'local' },
    });
    assert.deepEqual(at(binary, cargo('serde@1.0.193')).dependsOn, []); // serde_derive is a proc-macro
    assert.equal(at(binary, cargo('serde@1.0.193')).properties, undefined);
    assert.deepEqual(at(binary, cargo('regex@1.10.2')).properties, { 'cargo.source': 'git' });
    assert.deepEqual(at(binary, cargo('internal-utils@0.4.0')).properties, {
      'cargo.source': 'registry',
    });
  });

  it('Cargo.lock v4 (ripgrep): workspace members are local, crates.io crates plain', () => {
    const lock = 'srv/ripgrep/Cargo.lock';
    assert.equal(inFile(lock).length, 63);
    const ripgrep = at(lock, cargo('ripgrep@15.2.0'));
    assert.deepEqual(ripgrep.properties, { 'cargo.source': 'local' });
    assert.equal(ripgrep.dependsOn.length, 14);
    assert.ok(ripgrep.dependsOn.includes(cargo('grep@0.4.1')));
    assert.deepEqual(at(lock, cargo('serde_derive@1.0.229')).dependsOn, [
      cargo('proc-macro2@1.0.107'),
      cargo('quote@1.0.47'),
      cargo('syn@3.0.3'),
    ]);
    assert.equal(at(lock, cargo('syn@2.0.119')).properties, undefined);
    assert.equal(
      at(lock, cargo('tikv-jemalloc-sys@0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8'))
        .version,
      '0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8',
    );
  });

  it('Cargo.lock v3 with git deps: the crates.io and git copies of regex stay two packages', () => {
    const lock = 'srv/git-deps/Cargo.lock';
    const regexes = inFile(lock).filter((p) => p.purl === cargo('regex@1.11.1'));
    assert.deepEqual(
      regexes.map((p) => p.properties?.['cargo.source']),
      [
        undefined,
        'git+https://github.com/rust-lang/regex.git#1a069b9232c607b34c4937122361aa075ef573fa',
      ],
    );
    assert.deepEqual(at(lock, cargo('hello_world@0.1.0')).dependsOn, [
      cargo('nom-regex@0.2.0'),
      cargo('regex@1.11.1'),
    ]);
  });

  it('Cargo.lock v2 and v1: every package and its edges', () => {
    assert.deepEqual(at('srv/syft-v2/Cargo.lock', cargo('nom@4.2.3')).dependsOn, [
      cargo('memchr@2.3.3'),
      cargo('version_check@0.1.5'),
    ]);
    assert.deepEqual(at('srv/trivy-v1/Cargo.lock', cargo('typemap@0.3.3')).dependsOn, [
      cargo('unsafe-any@0.4.2'),
    ]);
    assert.deepEqual(at('srv/trivy-v1/Cargo.lock', cargo('normal@0.1.0')).properties, {
      'cargo.source': 'local',
    });
  });

  it('a lock deleted in a later layer is gone; a lock rewritten there is read from that layer', async () => {
    const later = await scan(root, {
      'srv/ripgrep/Cargo.lock': null,
      'srv/trivy-v1/Cargo.lock': '[[package]]\nname = "only"\nversion = "1.0.0"\n',
    });
    assert.equal(later.packages.length, 9 + 12 + 10 + 1);
    assert.equal(later.at('srv/trivy-v1/Cargo.lock', cargo('only@1.0.0')).layer, 1);
  });
});

describe('rust analyzer on the app image', async () => {
  const { packages, warnings } = await scan(appImage().rootfs);

  it('Debian bookworm ships no cargo-auditable binaries or Cargo.lock files', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(packages, []);
  });
});

describe('rust analyzer on damaged files', async () => {
  const scratch = scratchDir('rust');
  after(scratch.remove);
  mkdirSync(join(scratch.dir, 'bin'));
  mkdirSync(join(scratch.dir, 'app'));
  const withSection = (data: Buffer) =>
    buildElf({ bits: 64, littleEndian: true, sections: [{ name: '.dep-v0', data }] });
  const write = (path: string, content: Buffer | string, mode = 0o755) =>
    writeFileSync(join(scratch.dir, path), content, { mode });
  write('bin/bomb', withSection(deflateSync(Buffer.alloc(9 * 1024 * 1024, 0x20))));
  write('bin/not-zlib', withSection(Buffer.from('{"packages":[]}')));
  write('bin/not-json', withSection(deflateSync('{"packages":[{')));
  const real = readFileSync(join(root, binary));
  write('bin/truncated', real.subarray(0, 1000));
  write('app/Cargo.lock', 'version = 3\n[[package]\nname = "x"\n', 0o644);

  const { packages, warnings } = await scan(scratch.dir);

  it('warns about each by name, reports nothing from them, and does not crash', () => {
    assert.deepEqual(packages, []);
    assert.equal(warnings.length, 5);
    assert.match(warnings[0]!, /^layer 0: app\/Cargo\.lock: not valid TOML at line 2: /);
    // V8's JSON.parse wording differs between Node versions: only its start is asserted.
    assert.match(warnings[2]!, /^layer 0: bin\/not-json: cargo-auditable data is not JSON \(/);
    assert.deepEqual(
      [warnings[1], ...warnings.slice(3)],
      [
        'layer 0: bin/bomb: cargo-auditable section .dep-v0 inflates past 8388608 bytes: not read',
        'layer 0: bin/not-zlib: cargo-auditable section .dep-v0 is not zlib data (incorrect header check)',
        'layer 0: bin/truncated: damaged ELF file: section header table out of bounds (34 entries at 340080)',
      ],
    );
  });
});
