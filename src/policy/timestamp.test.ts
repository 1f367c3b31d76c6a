import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIsoDate, parseRfc3339 } from './timestamp.js';

describe('parseIsoDate', () => {
  it('reads calendar dates as midnight UTC', () => {
    assert.equal(parseIsoDate('2027-01-31'), Date.UTC(2027, 0, 31));
    assert.equal(parseIsoDate('2024-02-29'), Date.UTC(2024, 1, 29));
  });
  it('refuses dates that do not exist and other forms', () => {
    for (const text of [
      '2027-02-30',
      '2023-02-29',
      '2027-13-01',
      '2027-00-10',
      '2027-1-31',
      '31/01/2027',
      '',
    ]) {
      assert.equal(parseIsoDate(text), undefined, text);
    }
  });
});

describe('parseRfc3339', () => {
  it('reads offsets and the OpenVEX examples nanoseconds', () => {
    assert.equal(parseRfc3339('2024-01-31T12:00:00Z'), Date.UTC(2024, 0, 31, 12));
    assert.equal(
      parseRfc3339('2023-01-08T18:02:03.647787998-06:00'),
      Date.UTC(2023, 0, 9, 0, 2, 3, 647),
    );
    assert.equal(parseRfc3339('2024-02-05T10:12:41+01:00'), Date.UTC(2024, 1, 5, 9, 12, 41));
    assert.equal(parseRfc3339('2024-02-05t10:12:41.5z'), Date.UTC(2024, 1, 5, 10, 12, 41, 500));
  });
  it('refuses date-times without a time zone, and impossible ones', () => {
    for (const text of [
      '2024-02-05T10:12:41',
      '2024-02-05',
      '2024-02-30T10:00:00Z',
      '2024-02-05T24:00:00Z',
      '2024-02-05T10:60:00Z',
      '2024-02-05T10:00:00+25:00',
      'yesterday',
    ]) {
      assert.equal(parseRfc3339(text), undefined, text);
    }
  });
});
