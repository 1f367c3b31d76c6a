import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { fixturePath } from '../../testing/fixtures.js';
import { parseRpmRecord } from './record.js';
import { readSqliteHeaders } from './sqlite.js';
import { backendKit, pseudoRandomBytes } from '../../testing/rpm-backend-kit.js';

const { read, expectInputError } = backendKit(readSqliteHeaders, 'rpmdb.sqlite');

/** Azure Linux 2.0's database: WAL mode, 4096-byte pages, 129 packages. */
const fixture = readFileSync(
  fixturePath('rpm', 'azurelinux-cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'),
);

describe('readSqliteHeaders', () => {
  it('reads every row of a WAL-mode database by hnum, without changing the caller’s buffer', () => {
    const before = Buffer.from(fixture.subarray(0, 100));
    const headers = readSqliteHeaders(fixture, 'rpmdb.sqlite', () => assert.fail('no warning'));
    assert.equal(headers.length, 129);
    assert.equal(headers[0]!.where, 'hnum 1');
    assert.equal(headers[128]!.where, 'hnum 129');
    assert.equal(parseRpmRecord(headers[0]!.blob, 'x').name, 'mariner-release');
    assert.deepEqual(fixture.subarray(0, 100), before);
  });

  it('rejects random bytes and a file that is not SQLite', () => {
    expectInputError(pseudoRandomBytes(8192, 5), /not an SQLite database/);
    expectInputError(Buffer.from('SQLite format 3'), /not an SQLite database/);
  });

  it('rejects the SQLite magic over garbage', () => {
    const garbage = Buffer.concat([fixture.subarray(0, 16), pseudoRandomBytes(8192, 9)]);
    expectInputError(garbage, /SQLite|malformed|not a database/i);
  });

  it('rejects an SQLite database that is not rpm’s', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE Other (x INTEGER)');
    const other = db.serialize();
    db.close();
    expectInputError(other, /no Packages table/);
  });

  it('reads the rows a truncated file still holds, and warns once', () => {
    const { names, warnings } = read(fixture.subarray(0, Math.floor(fixture.length / 2)));
    assert.ok(names.length > 10 && names.length < 129, `${names.length} rows`);
    assert.equal(names[0], 'mariner-release');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^truncated: declares 880 pages of 4096 bytes, holds 440; /);
    assert.match(warnings[0]!, /malformed/);
    expectInputError(fixture.subarray(0, 4096 * 3), /truncated/);
  });

  it('reads an empty Packages table as no headers', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    const empty = db.serialize();
    db.close();
    assert.deepEqual(
      readSqliteHeaders(empty, 'rpmdb.sqlite', () => {}),
      [],
    );
  });
});
