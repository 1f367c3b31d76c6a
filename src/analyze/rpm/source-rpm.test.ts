import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSourceRpm } from './source-rpm.js';

describe('parseSourceRpm', () => {
  it('splits NAME-VERSION-RELEASE at the last two dashes', () => {
    assert.deepEqual(parseSourceRpm('util-linux-2.32.1-42.el8_8.src.rpm'), {
      name: 'util-linux',
      version: '2.32.1-42.el8_8',
    });
    assert.deepEqual(parseSourceRpm('bash-5.1.8-1.cm2.src.rpm'), {
      name: 'bash',
      version: '5.1.8-1.cm2',
    });
    assert.deepEqual(parseSourceRpm('perl-Net-SSLeay-1.92-150400.1.4.nosrc.rpm'), {
      name: 'perl-Net-SSLeay',
      version: '1.92-150400.1.4',
    });
  });

  it('refuses names that are not source rpm file names', () => {
    for (const bad of [
      '(none)',
      'bash-5.1.8-1.cm2.x86_64.rpm',
      'bash.src.rpm',
      'bash-1.src.rpm',
      '-1-2.src.rpm',
      'a-1-.src.rpm',
      'a--1.src.rpm',
    ]) {
      assert.equal(parseSourceRpm(bad), undefined, bad);
    }
  });
});
