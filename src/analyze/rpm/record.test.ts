import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { RpmType } from './header.js';
import { parseRpmRecord, RpmTag } from './record.js';

type Value = string | string[] | number[];
type Entry = [tag: number, type: number, value: Value];

/** Writes a header blob (intro, index, data store) the way rpm lays one out, with INT32 values 4-byte aligned. */
function headerBlob(entries: Entry[]): Buffer {
  const index = Buffer.alloc(entries.length * 16);
  const chunks: Buffer[] = [];
  let length = 0;
  entries.forEach(([tag, type, value], i) => {
    let bytes: Buffer;
    let count: number;
    if (type === RpmType.INT32) {
      const numbers = value as number[];
      const pad = (4 - (length % 4)) % 4;
      if (pad) {
        chunks.push(Buffer.alloc(pad));
        length += pad;
      }
      bytes = Buffer.alloc(numbers.length * 4);
      numbers.forEach((n, j) => bytes.writeUInt32BE(n, j * 4));
      count = numbers.length;
    } else {
      const strings = typeof value === 'string' ? [value] : (value as string[]);
      bytes = Buffer.from(strings.map((s) => `${s}\0`).join(''));
      count = strings.length;
    }
    index.writeInt32BE(tag, i * 16);
    index.writeUInt32BE(type, i * 16 + 4);
    index.writeInt32BE(length, i * 16 + 8);
    index.writeUInt32BE(count, i * 16 + 12);
    chunks.push(bytes);
    length += bytes.length;
  });
  const intro = Buffer.alloc(8);
  intro.writeUInt32BE(entries.length, 0);
  intro.writeUInt32BE(length, 4);
  return Buffer.concat([intro, index, ...chunks]);
}

const identity: Entry[] = [
  [RpmTag.NAME, RpmType.STRING, 'oldpkg'],
  [RpmTag.VERSION, RpmType.STRING, '1.0'],
  [RpmTag.RELEASE, RpmType.STRING, '3'],
];

describe('parseRpmRecord', () => {
  it('reads old-style OLDFILENAMES file lists, sorted and without duplicates', () => {
    const record = parseRpmRecord(
      headerBlob([
        ...identity,
        [
          RpmTag.OLDFILENAMES,
          RpmType.STRING_ARRAY,
          ['/usr/bin/old', '/etc/old.conf', '/usr/bin/old'],
        ],
      ]),
      'h',
    );
    assert.deepEqual(record, {
      name: 'oldpkg',
      version: '1.0',
      release: '3',
      files: ['/etc/old.conf', '/usr/bin/old'],
      provides: [],
      requires: [],
    });
  });

  it('joins BASENAMES to DIRNAMES through DIRINDEXES and reads the optional tags', () => {
    const record = parseRpmRecord(
      headerBlob([
        ...identity,
        [RpmTag.EPOCH, RpmType.INT32, [2]],
        [RpmTag.SUMMARY, RpmType.I18NSTRING, ['An old package', 'Ein altes Paket']],
        [RpmTag.LICENSE, RpmType.STRING, 'GPL-2.0-or-later'],
        [RpmTag.ARCH, RpmType.STRING, 'aarch64'],
        [RpmTag.SOURCERPM, RpmType.STRING, 'old-1.0-3.src.rpm'],
        [RpmTag.PROVIDENAME, RpmType.STRING_ARRAY, ['oldpkg', 'oldpkg(aarch-64)']],
        [
          RpmTag.REQUIRENAME,
          RpmType.STRING_ARRAY,
          ['rpmlib(CompressedFileNames)', 'libc.so.6()(64bit)', '/bin/sh'],
        ],
        [RpmTag.DIRINDEXES, RpmType.INT32, [1, 0, 1]],
        [RpmTag.BASENAMES, RpmType.STRING_ARRAY, ['old', 'old.conf', 'old-helper']],
        [RpmTag.DIRNAMES, RpmType.STRING_ARRAY, ['/etc/', '/usr/bin/']],
      ]),
      'h',
    );
    assert.equal(record.epoch, 2);
    assert.equal(record.summary, 'An old package');
    assert.equal(record.license, 'GPL-2.0-or-later');
    assert.equal(record.arch, 'aarch64');
    assert.equal(record.sourceRpm, 'old-1.0-3.src.rpm');
    assert.deepEqual(record.files, ['/etc/old.conf', '/usr/bin/old', '/usr/bin/old-helper']);
    assert.deepEqual(record.requires, ['/bin/sh', 'libc.so.6()(64bit)']);
    assert.deepEqual(record.provides, ['oldpkg', 'oldpkg(aarch-64)']);
  });

  it('rejects headers without identity or with inconsistent file tags', () => {
    const cases: [Entry[], RegExp][] = [
      [identity.slice(1), /no package name/],
      [identity.slice(0, 2), /oldpkg has no version or release/],
      [
        [
          ...identity,
          [RpmTag.DIRINDEXES, RpmType.INT32, [0]],
          [RpmTag.BASENAMES, RpmType.STRING_ARRAY, ['a', 'b']],
          [RpmTag.DIRNAMES, RpmType.STRING_ARRAY, ['/']],
        ],
        /2 file names but 1 directory indexes/,
      ],
      [
        [
          ...identity,
          [RpmTag.DIRINDEXES, RpmType.INT32, [7]],
          [RpmTag.BASENAMES, RpmType.STRING_ARRAY, ['a']],
          [RpmTag.DIRNAMES, RpmType.STRING_ARRAY, ['/']],
        ],
        /file a points at directory 7 of 1/,
      ],
      [[...identity, [RpmTag.EPOCH, RpmType.STRING, 'one']], /tag 1003 has type 6, not an integer/],
    ];
    for (const [entries, pattern] of cases) {
      assert.throws(
        () => parseRpmRecord(headerBlob(entries), 'slot 4'),
        (err: unknown) =>
          err instanceof InputError && err.subject === 'slot 4' && pattern.test(err.problem),
        String(pattern),
      );
    }
  });
});
