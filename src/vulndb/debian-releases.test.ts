import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianCodename, debianReleaseNumber } from './debian-releases.js';

describe('debianReleaseNumber', () => {
  it('maps every code name from buzz to duke to its number', () => {
    const table: [string, string][] = [
      ['buzz', '1.1'],
      ['rex', '1.2'],
      ['bo', '1.3'],
      ['hamm', '2.0'],
      ['slink', '2.1'],
      ['potato', '2.2'],
      ['woody', '3.0'],
      ['sarge', '3.1'],
      ['etch', '4'],
      ['lenny', '5'],
      ['squeeze', '6'],
      ['wheezy', '7'],
      ['jessie', '8'],
      ['stretch', '9'],
      ['buster', '10'],
      ['bullseye', '11'],
      ['bookworm', '12'],
      ['trixie', '13'],
      ['forky', '14'],
      ['duke', '15'],
    ];
    for (const [codename, number] of table) {
      assert.equal(debianReleaseNumber(codename), number, codename);
      assert.equal(debianCodename(number), codename, number);
    }
  });

  it('accepts numbers, point releases and any case', () => {
    assert.equal(debianReleaseNumber('12'), '12');
    assert.equal(debianReleaseNumber('12.5'), '12');
    assert.equal(debianReleaseNumber('4.0'), '4');
    assert.equal(debianReleaseNumber('3.1'), '3.1');
    assert.equal(debianReleaseNumber(' Bookworm '), '12');
    assert.equal(debianCodename('11.9'), 'bullseye');
  });

  it('has no number for unstable, testing or unknown names', () => {
    for (const name of [
      'sid',
      'unstable',
      'testing',
      'experimental',
      'bookworm-security',
      '16',
      '3.2',
      '',
    ]) {
      assert.equal(debianReleaseNumber(name), undefined, name);
    }
    assert.equal(debianCodename('sid'), undefined);
  });
});
