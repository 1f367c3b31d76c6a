import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseCargoLock, type CargoLockPackage } from './cargo-lock.js';

const lock = (name: string) =>
  readFileSync(fixturePath('rust', 'rootfs', 'srv', name, 'Cargo.lock'), 'utf8');

function parse(text: string) {
  const warnings: string[] = [];
  const packages = parseCargoLock(text, (m) => warnings.push(m));
  const edges = (name: string, version?: string) => {
    const p = packages!.find((x) => x.name === name && (!version || x.version === version))!;
    return p.dependencies.map((i) => `${packages![i]!.name}@${packages![i]!.version}`);
  };
  return { packages, warnings, edges };
}

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

describe('parseCargoLock on real lock files of each version', () => {
  it('version 4 (ripgrep): 63 packages; `NAME VERSION` picks one of two syn versions', () => {
    const { packages, warnings, edges } = parse(lock('ripgrep'));
    assert.deepEqual(warnings, []);
    assert.equal(packages!.length, 63);
    assert.deepEqual(edges('serde_derive'), ['proc-macro2@1.0.107', 'quote@1.0.47', 'syn@3.0.3']);
    assert.deepEqual(edges('derive_arbitrary'), [
      'proc-macro2@1.0.107',
      'quote@1.0.47',
      'syn@2.0.119',
    ]);
    const ripgrep = packages!.find((p) => p.name === 'ripgrep')!;
    assert.equal(ripgrep.source, undefined);
    assert.equal(ripgrep.dependencies.length, 14);
    const jemalloc = packages!.find((p) => p.name === 'tikv-jemalloc-sys')!;
    assert.deepEqual(jemalloc, {
      name: 'tikv-jemalloc-sys',
      version: '0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8',
      source: CRATES_IO,
      dependencies: jemalloc.dependencies,
    } satisfies CargoLockPackage);
    assert.deepEqual(edges('tikv-jemalloc-sys'), ['cc@1.4.0', 'libc@0.2.189']);
  });

  it('version 3 with git sources: references without the commit find the git packages', () => {
    const { packages, warnings, edges } = parse(lock('git-deps'));
    assert.deepEqual(warnings, []);
    assert.equal(packages!.length, 12);
    const regexes = packages!.filter((p) => p.name === 'regex');
    assert.deepEqual(
      regexes.map((p) => p.source),
      [
        CRATES_IO,
        'git+https://github.com/rust-lang/regex.git#1a069b9232c607b34c4937122361aa075ef573fa',
      ],
    );
    const hello = packages!.find((p) => p.name === 'hello_world')!;
    assert.deepEqual(
      hello.dependencies.map((i) => packages![i]!.source ?? 'path'),
      [
        CRATES_IO,
        'git+https://github.com/rust-lang/regex.git#1a069b9232c607b34c4937122361aa075ef573fa',
      ],
    );
    assert.deepEqual(edges('nom-regex'), ['nom@7.1.3', 'regex@1.11.1']);
    assert.equal(packages![hello.dependencies[1]!]!.dependencies.length, 4);
  });

  it('version 2 (no version line, checksums inline): bare-name references', () => {
    const { packages, warnings, edges } = parse(lock('syft-v2'));
    assert.deepEqual(warnings, []);
    assert.equal(packages!.length, 10);
    assert.deepEqual(edges('winapi'), [
      'winapi-i686-pc-windows-gnu@0.4.0',
      'winapi-x86_64-pc-windows-gnu@0.4.0',
    ]);
  });

  it('version 1: full `NAME VERSION (SOURCE)` references, [metadata] checksums ignored', () => {
    const { packages, warnings, edges } = parse(lock('trivy-v1'));
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages!.map((p) => `${p.name}@${p.version}`),
      [
        'libc@0.2.54',
        'normal@0.1.0',
        'unsafe-any@0.4.2',
        'typemap@0.3.3',
        'idna@0.1.5',
        'matches@0.1.8',
        'percent-encoding@1.0.1',
        'url@1.7.2',
      ],
    );
    assert.deepEqual(edges('url'), ['idna@0.1.5', 'matches@0.1.8', 'percent-encoding@1.0.1']);
    assert.deepEqual(edges('normal'), ['libc@0.2.54']);
  });

  it('the old [root] table of version 1 is a package too', () => {
    const { packages, edges } = parse(
      `[root]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "libc 0.2.54 (${CRATES_IO})",\n]\n\n[[package]]\nname = "libc"\nversion = "0.2.54"\nsource = "${CRATES_IO}"\n`,
    );
    assert.deepEqual(
      packages!.map((p) => p.name),
      ['app', 'libc'],
    );
    assert.deepEqual(edges('app'), ['libc@0.2.54']);
  });
});

describe('parseCargoLock on damaged files', () => {
  it('text that is not TOML is a warning naming the line', () => {
    const { packages, warnings } = parse('[[package]]\nname = "a\nversion = 1\n');
    assert.equal(packages, undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^not valid TOML at line 2: /);
  });

  it('entries without name or version, and references to nothing, are counted in warnings', () => {
    const { packages, warnings } = parse(
      '[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["ghost", "b 9.9.9", "b"]\n\n[[package]]\nname = "b"\nversion = "2.0.0"\n\n[[package]]\nname = "nameless"\n',
    );
    assert.deepEqual(
      packages!.map((p) => [p.name, p.dependencies]),
      [
        ['a', [1]],
        ['b', []],
      ],
    );
    assert.deepEqual(warnings, [
      'skipped 1 package entries without a name and version',
      '2 dependency references name no package in the lock',
    ]);
  });

  it('a package key that is not an array of tables is a warning', () => {
    const { packages, warnings } = parse('package = "x"\n');
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, ['`package` is not an array of tables']);
  });
});
