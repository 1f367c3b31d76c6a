import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import {
  ALL_CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  capabilitySet,
  parseCapability,
} from './capabilities.js';

describe('capabilities', () => {
  it('numbers every capability up to CAP_CHECKPOINT_RESTORE (40)', () => {
    assert.equal(ALL_CAPABILITIES.length, 41);
    assert.equal(ALL_CAPABILITIES[12], 'CAP_NET_ADMIN');
    assert.equal(ALL_CAPABILITIES[21], 'CAP_SYS_ADMIN');
  });

  it('reads names with or without CAP_, in any case', () => {
    assert.equal(parseCapability('net_admin', '--cap-add'), 'CAP_NET_ADMIN');
    assert.equal(parseCapability('CAP_SYS_PTRACE', '--cap-add'), 'CAP_SYS_PTRACE');
    assert.equal(parseCapability('all', '--cap-drop'), 'ALL');
    assert.throws(() => parseCapability('FLY', '--cap-add'), InputError);
  });

  it("applies --cap-drop and --cap-add to Docker's default set as Docker does", () => {
    assert.deepEqual(capabilitySet([], []), [...DOCKER_DEFAULT_CAPABILITIES].sort());
    assert.deepEqual(capabilitySet([], ['ALL']), []);
    assert.deepEqual(capabilitySet(['CAP_NET_ADMIN'], ['ALL']), ['CAP_NET_ADMIN']);
    const dropped = capabilitySet([], ['CAP_NET_RAW', 'CAP_MKNOD']);
    assert.equal(dropped.length, 12);
    assert.ok(!dropped.includes('CAP_NET_RAW'));
    // An add wins over a drop of the same name.
    assert.ok(capabilitySet(['CAP_NET_RAW'], ['CAP_NET_RAW']).includes('CAP_NET_RAW'));
    assert.deepEqual(capabilitySet(['ALL'], ['CAP_SYS_ADMIN']).length, 40);
  });
});
