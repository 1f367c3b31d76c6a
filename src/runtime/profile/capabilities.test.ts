import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BehaviourSummary } from '../behaviour.js';
import { capabilityRequirements, generateCapabilities } from './capabilities.js';
import { emptySummary, loadSummary } from './testing-summaries.js';

function withOperations(...operations: string[]): BehaviourSummary {
  return {
    ...emptySummary(),
    privileged: operations.map((operation) => ({ operation, details: [], count: 1 })),
  };
}

describe('capabilityRequirements', () => {
  it('maps each privileged operation to the one capability the kernel checks (docs/profiles.md)', () => {
    const table: [string, string][] = [
      ['bind-privileged-port', 'NET_BIND_SERVICE'],
      ['chown', 'CHOWN'],
      ['setuid', 'SETUID'],
      ['setgid', 'SETGID'],
      ['setgroups', 'SETGID'],
      ['raw-socket', 'NET_RAW'],
      ['packet-socket', 'NET_RAW'],
      ['mount', 'SYS_ADMIN'],
      ['unshare', 'SYS_ADMIN'],
      ['setns', 'SYS_ADMIN'],
      ['pivot_root', 'SYS_ADMIN'],
      ['ptrace', 'SYS_PTRACE'],
      ['module-load', 'SYS_MODULE'],
      ['kill', 'KILL'],
      ['chroot', 'SYS_CHROOT'],
      ['mknod', 'MKNOD'],
      ['capset', 'SETPCAP'],
    ];
    for (const [operation, cap] of table) {
      assert.deepEqual(capabilityRequirements(withOperations(operation)).add, [cap], operation);
    }
  });

  it('reports an operation it does not know instead of guessing', () => {
    const result = capabilityRequirements(withOperations('quotactl', 'chown'));
    assert.deepEqual(result.add, ['CHOWN']);
    assert.deepEqual(result.unmapped, ['quotactl']);
    assert.match(generateCapabilities(withOperations('quotactl')), /"unmapped": \[\s+"quotactl"/);
  });

  it('needs NET_BIND_SERVICE for a listener below 1024 even without the operation, not for 1024 or a unix socket', () => {
    const summary = emptySummary();
    summary.network.listen = [
      { family: 'inet', protocol: 'tcp', address: '0.0.0.0', port: 443 },
      { family: 'inet', protocol: 'tcp', address: '0.0.0.0', port: 1024 },
    ];
    assert.deepEqual(capabilityRequirements(summary).reasons, {
      NET_BIND_SERVICE: ['bind tcp 0.0.0.0:443'],
    });
    summary.network.listen = [{ family: 'inet', protocol: 'tcp', address: '0.0.0.0', port: 1024 }];
    assert.deepEqual(capabilityRequirements(summary).add, []);
  });

  it('adds DAC_OVERRIDE only for root that changes to another user', () => {
    const nginx = capabilityRequirements(loadSummary('nginx'));
    assert.deepEqual(nginx.add, ['CHOWN', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SETGID', 'SETUID']);
    assert.deepEqual(nginx.reasons.DAC_OVERRIDE, [
      'root changes user (to uid 33); file owners are not recorded',
    ]);
    const rootOnly = { ...withOperations('setuid'), uids: [0] };
    assert.deepEqual(capabilityRequirements(rootOnly).add, ['SETUID']);
  });

  it('gives a non-root service nothing', () => {
    const python = JSON.parse(generateCapabilities(loadSummary('python-service'))) as unknown;
    assert.deepEqual(python, { drop: ['ALL'], add: [], reasons: {}, runFlags: '--cap-drop ALL' });
  });

  it('keeps reasons short: five details, then a count', () => {
    const summary = loadSummary('edge');
    assert.deepEqual(capabilityRequirements(summary).reasons.MKNOD, [
      'mknod /dev/edge0, /dev/edge1, /dev/edge2, /dev/edge3, /dev/edge4 (+2 more)',
    ]);
  });
});
