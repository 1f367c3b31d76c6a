import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkNames } from './names.js';

describe('container network names', () => {
  it('derives prefixed names that fit the 15-byte interface limit', () => {
    const names = networkNames('web.server-01_with_a_rather_long_name_indeed');
    assert.equal(names.namespace, 'sw-web.server-01_with_a_rather_long_name_indeed');
    assert.equal(names.namespacePath, '/run/netns/sw-web.server-01_with_a_rather_long_name_indeed');
    assert.match(names.hostVeth, /^sw[0-9a-f]{10}$/);
    assert.equal(names.peerVeth, `swp${names.hostVeth.slice(2)}`);
    assert.ok(names.peerVeth.length <= 15);
    assert.equal(names.alias, 'seawall:web.server-01_with_a_rather_long_name_indeed');
  });

  it('gives different names different interfaces, and the same name the same ones', () => {
    assert.notEqual(networkNames('a').hostVeth, networkNames('b').hostVeth);
    assert.deepEqual(networkNames('a'), networkNames('a'));
  });

  it('refuses names that could escape /run/netns or are not names at all', () => {
    for (const bad of ['', '..', '../etc', 'a/b', '-x', 'a b', 'x'.repeat(64), 'é'])
      assert.throws(() => networkNames(bad), { name: 'InputError' }, JSON.stringify(bad));
  });
});
