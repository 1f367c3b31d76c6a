import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { isLoopback, unmapIPv4 } from './loopback.js';
import { generateNetworkPolicy } from './netpol.js';
import { emptySummary, loadSummary } from './testing-summaries.js';

interface Policy {
  metadata: { name: string };
  spec: {
    podSelector: { matchLabels: { app: string } };
    policyTypes: string[];
    ingress: { ports: { protocol: string; port: number }[] }[];
    egress: { to: Record<string, unknown>[]; ports: { protocol: string; port: number }[] }[];
  };
}

const policyOf = (summary = emptySummary()) => parse(generateNetworkPolicy(summary)) as Policy;

describe('loopback addresses', () => {
  it('are 127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      assert.ok(isLoopback(address), address);
    }
    for (const address of [
      '10.0.0.1',
      '::',
      '0.0.0.0',
      '::ffff:10.0.0.1',
      '2001:db8::1',
      'localhost',
    ]) {
      assert.ok(!isLoopback(address), address);
    }
    assert.equal(unmapIPv4('::FFFF:10.1.2.3'), '10.1.2.3');
  });
});

describe('NetworkPolicy', () => {
  it('selects the pod by app label and denies everything a container never did', () => {
    const policy = policyOf(emptySummary('Web Front'));
    assert.equal(policy.metadata.name, 'seawall-web-front');
    assert.deepEqual(policy.spec.podSelector, { matchLabels: { app: 'web-front' } });
    assert.deepEqual(policy.spec.policyTypes, ['Ingress', 'Egress']);
    assert.deepEqual(policy.spec.ingress, []);
    assert.deepEqual(policy.spec.egress, []);
  });

  it('the python service: ingress 8080, egress to its database and DNS, not to its loopback redis', () => {
    const policy = policyOf(loadSummary('python-service'));
    assert.deepEqual(policy.spec.ingress, [{ ports: [{ protocol: 'TCP', port: 8080 }] }]);
    assert.equal(policy.spec.egress.length, 2);
    assert.deepEqual(policy.spec.egress[0]!.ports, [
      { protocol: 'TCP', port: 53 },
      { protocol: 'UDP', port: 53 },
    ]);
    assert.deepEqual(policy.spec.egress[1], {
      to: [{ ipBlock: { cidr: '10.20.0.15/32' } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
  });

  it('edge cases: IPv6 /128, mapped IPv4 as /32, UDP servers, loopback listeners left out', () => {
    const policy = policyOf(loadSummary('edge'));
    assert.deepEqual(policy.spec.ingress, [
      {
        ports: [
          { protocol: 'TCP', port: 443 },
          { protocol: 'UDP', port: 5353 },
        ],
      },
    ]);
    const peers = policy.spec.egress.slice(1).map((rule) => [rule.to, rule.ports]);
    assert.deepEqual(peers, [
      [
        [{ ipBlock: { cidr: '192.0.2.10/32' } }],
        [
          { protocol: 'TCP', port: 443 },
          { protocol: 'TCP', port: 8443 },
        ],
      ],
      [[{ ipBlock: { cidr: '198.51.100.4/32' } }], [{ protocol: 'UDP', port: 514 }]],
      [[{ ipBlock: { cidr: '2001:db8::7/128' } }], [{ protocol: 'TCP', port: 5432 }]],
    ]);
  });

  it('adds DNS only when a connection to port 53 was recorded', () => {
    const summary = emptySummary();
    summary.network.connect = [{ family: 'inet', protocol: 'tcp', address: '10.0.0.9', port: 443 }];
    assert.equal(policyOf(summary).spec.egress.length, 1);
  });
});
