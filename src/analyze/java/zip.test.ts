import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import {
  listZipEntries,
  looksLikeZip,
  readZipEntry,
  readZipEntryPrefix,
  ZipFormatError,
  type ZipEntry,
} from './zip.js';

const fixture = (...parts: string[]) => readFileSync(fixturePath('java', ...parts));
const everything = () => true;
const names = (entries: readonly ZipEntry[]) => entries.map((e) => e.name);
const entry = (data: Buffer, name: string): ZipEntry => {
  const found = listZipEntries(data, everything).entries.find((e) => e.name === name);
  assert.ok(found, `entry ${name}`);
  return found;
};

describe('listZipEntries', () => {
  it('lists a jar made by the jar tool, in directory order', () => {
    const jar = fixture('rootfs', 'opt', 'app', 'greeter-2.3.1.jar');
    const listing = listZipEntries(jar, everything);
    assert.equal(listing.damage, undefined);
    assert.deepEqual(names(listing.entries), [
      'META-INF/',
      'META-INF/MANIFEST.MF',
      'com/',
      'com/example/',
      'com/example/greeter/',
      'com/example/greeter/Greeter.class',
    ]);
  });

  it('makes names only for the entries the filter takes', () => {
    const jar = fixture('rootfs', 'opt', 'app', 'fat-app-1.0.0.jar');
    const listing = listZipEntries(jar, (data, start, end) =>
      data.toString('latin1', start, end).endsWith('.jar'),
    );
    assert.deepEqual(names(listing.entries), [
      'lib/commons-lang3-3.12.0.jar',
      'lib/slf4j-api-1.7.36.jar',
    ]);
  });

  it('reads Zip64 end records and extra fields (sizes and offsets in 64 bits)', () => {
    const jar = fixture('rootfs', 'opt', 'app', 'zip64-lib-0.5.0.jar');
    const pom = entry(jar, 'META-INF/maven/com.example/zip64-lib/pom.properties');
    assert.ok(pom.localHeaderOffset > 0);
    assert.equal(
      readZipEntry(jar, pom, 1024).toString(),
      'groupId=com.example\nartifactId=zip64-lib\nversion=0.5.0\n',
    );
  });

  it('finds the entries of an executable jar whose launcher script comes before the zip data', () => {
    const jar = fixture('rootfs', 'usr', 'local', 'bin', 'runner-1.4.0.jar');
    assert.equal(looksLikeZip(jar), false);
    const pom = entry(jar, 'META-INF/maven/com.example/runner/pom.properties');
    assert.match(readZipEntry(jar, pom, 1024).toString(), /^artifactId=runner$/m);
  });

  it('refuses what has no end of central directory, naming the problem', () => {
    for (const file of ['truncated-1.0.jar', 'garbage.jar'])
      assert.throws(
        () => listZipEntries(fixture('damaged', 'opt', file), everything),
        (err: unknown) =>
          err instanceof ZipFormatError && /no end of central directory record/.test(err.message),
      );
    assert.throws(() => listZipEntries(Buffer.from('PK'), everything), /too short/);
  });

  it('lists the entries before a damaged central directory record and says where it broke', () => {
    const jar = Buffer.from(fixture('rootfs', 'opt', 'app', 'greeter-2.3.1.jar'));
    // The fourth central directory record loses its signature.
    let at = -1;
    for (let i = 0; i < 4; i++) at = jar.indexOf('PK\x01\x02', at + 1, 'latin1');
    jar.write('XX', at, 'latin1');
    const listing = listZipEntries(jar, everything);
    assert.deepEqual(names(listing.entries), ['META-INF/', 'META-INF/MANIFEST.MF', 'com/']);
    assert.equal(listing.damage, 'central directory damaged after 3 of 6 entries');
  });
});

describe('readZipEntry', () => {
  const war = fixture('damaged', 'opt', 'bomb.war');

  it('inflates an entry that is what it declares', () => {
    const bomb = entry(war, 'WEB-INF/lib/bomb-1.0.jar');
    assert.equal(bomb.method, 8);
    assert.ok(bomb.compressedSize < 20_000);
    const content = readZipEntry(war, bomb, 16 * 1024 * 1024);
    assert.equal(content.length, bomb.size);
    assert.ok(looksLikeZip(content));
  });

  it('returns a stored entry as a view of the archive, not a copy', () => {
    const content = readZipEntry(war, entry(war, 'WEB-INF/lib/bomb-1.0.jar'), 16 * 1024 * 1024);
    const zeros = entry(content, 'zeros.bin');
    assert.equal(zeros.method, 0);
    const stored = readZipEntry(content, zeros, 16 * 1024 * 1024);
    assert.equal(stored.buffer, content.buffer);
    assert.equal(stored.length, 8 * 1024 * 1024);
  });

  it('refuses an entry declared bigger than the limit without inflating it', () => {
    assert.throws(
      () => readZipEntry(war, entry(war, 'WEB-INF/lib/bomb-1.0.jar'), 1024 * 1024),
      /^ZipFormatError: \d+ bytes uncompressed is over the limit of 1048576$/,
    );
  });

  it('stops inflating an entry that grows past its declared size (a lying header)', () => {
    const liar = fixture('damaged', 'opt', 'liar.war');
    const bomb = entry(liar, 'WEB-INF/lib/bomb-1.0.jar');
    assert.equal(bomb.size, 1000);
    assert.throws(
      () => readZipEntry(liar, bomb, 16 * 1024 * 1024),
      /inflates to more than the 1000 bytes declared/,
    );
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const jar = fixture('rootfs', 'opt', 'app', 'greeter-2.3.1.jar');
    const manifest = entry(jar, 'META-INF/MANIFEST.MF');
    assert.throws(() => readZipEntry(jar, { ...manifest, flags: 1 }, 1024), /encrypted/);
    assert.throws(
      () => readZipEntry(jar, { ...manifest, method: 12 }, 1024),
      /compression method 12 is not supported/,
    );
  });

  it('reports damaged compressed data and entries that run past the end', () => {
    const jar = Buffer.from(fixture('rootfs', 'opt', 'app', 'greeter-2.3.1.jar'));
    const manifest = entry(jar, 'META-INF/MANIFEST.MF');
    assert.throws(
      () => readZipEntry(jar, { ...manifest, compressedSize: jar.length }, 1024),
      /data runs past the end of the archive/,
    );
    assert.throws(
      () => readZipEntry(jar, { ...manifest, localHeaderOffset: 5 }, 1024),
      /no local header where the directory says/,
    );
    const start = jar.indexOf('META-INF/MANIFEST.MF', 0, 'latin1') + 'META-INF/MANIFEST.MF'.length;
    jar.fill(0xff, start, start + 8);
    assert.throws(() => readZipEntry(jar, manifest, 1024), /damaged compressed data/);
  });
});

describe('readZipEntryPrefix', () => {
  it('decodes the beginning of an entry from a cut-off part of its data', () => {
    const jar = fixture('rootfs', 'opt', 'app', 'greeter-2.3.1.jar');
    const manifest = entry(jar, 'META-INF/MANIFEST.MF');
    const whole = readZipEntryPrefix(jar, manifest, 1 << 20, 1 << 20);
    assert.equal(whole.complete, true);
    assert.equal(whole.content.length, manifest.size);
    const part = readZipEntryPrefix(jar, manifest, 100, 1 << 20);
    assert.equal(part.complete, false);
    assert.ok(part.content.length > 0 && part.content.length < manifest.size);
    assert.ok(whole.content.toString().startsWith(part.content.toString()));
  });
});
