import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { fixturePath } from '../../testing/fixtures.js';
import { readElf } from '../elf/elf-file.js';
import { buildElf, type SyntheticSection } from '../elf/synthetic-elf.js';
import { MAX_AUDIT_JSON_BYTES, parseAuditJson, readAuditableSection } from './auditable.js';

const binary = readFileSync(
  fixturePath('rust', 'rootfs', 'usr', 'local', 'bin', 'hello-auditable'),
);
const depsJson = readFileSync(fixturePath('rust', 'hello-auditable', 'deps.json'), 'utf8');

function fromSection(section: Buffer | undefined, bits: 32 | 64 = 64, littleEndian = true) {
  const sections: SyntheticSection[] = [{ name: '.text', data: Buffer.alloc(16, 0xc3) }];
  if (section) sections.push({ name: '.dep-v0', data: section });
  const file = buildElf({ bits, littleEndian, sections });
  const warnings: string[] = [];
  const packages = readAuditableSection(file, readElf(file), (m) => warnings.push(m));
  return { packages, warnings };
}

describe('readAuditableSection', () => {
  it('reads the 15 packages of the fixture binary (section added by objcopy)', () => {
    const warnings: string[] = [];
    const packages = readAuditableSection(binary, readElf(binary), (m) => warnings.push(m))!;
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 15);
    assert.deepEqual(packages[1], {
      name: 'hello-auditable',
      version: '0.1.0',
      source: 'local',
      kind: 'runtime',
      dependencies: [0, 2, 4, 7, 10, 12],
      root: true,
    });
    assert.deepEqual(packages[0], {
      name: 'cc',
      version: '1.0.83',
      source: 'crates.io',
      kind: 'build',
      dependencies: [4],
      root: false,
    });
    assert.equal(packages.filter((p) => p.kind === 'build').length, 6);
  });

  it('finds the section in ELF32 big-endian files too', () => {
    const { packages, warnings } = fromSection(deflateSync(depsJson), 32, false);
    assert.deepEqual(warnings, []);
    assert.equal(packages?.length, 15);
  });

  it('a binary without the section gives nothing and no warning', () => {
    assert.deepEqual(fromSection(undefined), { packages: undefined, warnings: [] });
  });

  it('a section that inflates past 8 MiB is not read: a warning, bounded memory', () => {
    const bomb = deflateSync(Buffer.alloc(MAX_AUDIT_JSON_BYTES + 1, 0x20)); // about 8 KiB compressed
    assert.ok(bomb.length < 20_000);
    assert.deepEqual(fromSection(bomb), {
      packages: undefined,
      warnings: ['cargo-auditable section .dep-v0 inflates past 8388608 bytes: not read'],
    });
  });

  it('data that is not zlib, or truncated zlib, is a warning', () => {
    assert.deepEqual(fromSection(Buffer.from('{"packages":[]}')).warnings, [
      'cargo-auditable section .dep-v0 is not zlib data (incorrect header check)',
    ]);
    const cut = deflateSync(depsJson).subarray(0, 100);
    assert.deepEqual(fromSection(cut).warnings, [
      'cargo-auditable section .dep-v0 is not zlib data (unexpected end of file)',
    ]);
  });

  it('a section header pointing past the end of the file is a warning', () => {
    const file = buildElf({
      bits: 64,
      littleEndian: true,
      sections: [{ name: '.dep-v0', data: deflateSync('{"packages":[]}') }],
    });
    const elf = readElf(file);
    elf.sections.find((s) => s.name === '.dep-v0')!.offset = file.length - 2;
    const warnings: string[] = [];
    assert.equal(
      readAuditableSection(file, elf, (m) => warnings.push(m)),
      undefined,
    );
    assert.deepEqual(warnings, ['cargo-auditable section .dep-v0 lies outside the file']);
  });
});

describe('parseAuditJson', () => {
  const parse = (json: string) => {
    const warnings: string[] = [];
    return { packages: parseAuditJson(json, (m) => warnings.push(m)), warnings };
  };

  it('accepts the optional fields left out, an Other source and an absent source', () => {
    assert.deepEqual(
      parse(
        '{"packages":[{"name":"a","version":"1.0.0","source":{"Other":"mercurial"}},{"name":"b","version":"2.0.0","dependencies":[0,0,7]}]}',
      ),
      {
        packages: [
          {
            name: 'a',
            version: '1.0.0',
            source: 'mercurial',
            kind: 'runtime',
            dependencies: [],
            root: false,
          },
          {
            name: 'b',
            version: '2.0.0',
            source: '',
            kind: 'runtime',
            dependencies: [0],
            root: false,
          },
        ],
        warnings: [],
      },
    );
  });

  it('skips entries that break the schema and drops the edges, whose indices no longer line up', () => {
    const { packages, warnings } = parse(
      '{"packages":[{"name":"a","version":"1"},{"name":7},{"name":"c","version":"3","kind":"dev"},{"name":"d","version":"4","dependencies":[0]}]}',
    );
    assert.deepEqual(
      packages?.map((p) => [p.name, p.dependencies]),
      [
        ['a', []],
        ['d', []],
      ],
    );
    assert.deepEqual(warnings, ['cargo-auditable data: skipped 2 malformed package entries']);
  });

  it('not JSON, or JSON without a packages list, is a warning', () => {
    assert.equal(parse('{"packages":').warnings.length, 1);
    assert.match(parse('{"packages":').warnings[0]!, /^cargo-auditable data is not JSON \(/);
    assert.deepEqual(parse('[]'), {
      packages: undefined,
      warnings: ['cargo-auditable data has no packages list'],
    });
  });
});
