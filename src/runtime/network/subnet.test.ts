import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostIpv4Ranges, ipv4ToNumber, numberToIpv4, pickSubnet, rangeOf } from './subnet.js';

const n = (text: string) => ipv4ToNumber(text)!;

// Trimmed from `ip -j addr` on a Debian 12 host: loopback, an interface without addresses, eth0 with IPv4 and IPv6,
// and a host-side veth of an earlier private container.
const ipAddr = [
  {
    ifindex: 1,
    ifname: 'lo',
    addr_info: [
      { family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo' },
      { family: 'inet6', local: '::1', prefixlen: 128, scope: 'host' },
    ],
  },
  { ifindex: 2, ifname: 'ifb0', addr_info: [] },
  {
    ifindex: 4,
    ifname: 'eth0',
    addr_info: [
      {
        family: 'inet',
        local: '192.0.2.2',
        prefixlen: 24,
        broadcast: '192.0.2.255',
        scope: 'global',
      },
      { family: 'inet6', local: 'fd00::2', prefixlen: 64, scope: 'global' },
    ],
  },
  {
    ifindex: 7,
    ifname: 'sw1a2b3c4d5e',
    addr_info: [{ family: 'inet', local: '10.89.0.1', prefixlen: 30, scope: 'global' }],
  },
];

describe('subnet allocation', () => {
  it('reads every IPv4 network of `ip -j addr`, sorted', () => {
    assert.deepEqual(
      hostIpv4Ranges(ipAddr).map((r) => `${numberToIpv4(r.first)}-${numberToIpv4(r.last)}`),
      ['10.89.0.0-10.89.0.3', '127.0.0.0-127.255.255.255', '192.0.2.0-192.0.2.255'],
    );
    assert.deepEqual(hostIpv4Ranges('not a list'), []);
  });

  it('takes a point-to-point peer address as used too', () => {
    const ppp = [
      { addr_info: [{ family: 'inet', local: '10.89.0.9', address: '10.89.0.20', prefixlen: 32 }] },
    ];
    assert.deepEqual(hostIpv4Ranges(ppp), [
      { first: n('10.89.0.9'), last: n('10.89.0.9') },
      { first: n('10.89.0.20'), last: n('10.89.0.20') },
    ]);
  });

  it('picks the first /30 of 10.89.0.0/16 that no host address touches', () => {
    assert.deepEqual(pickSubnet([]), {
      cidr: '10.89.0.0/30',
      prefixLength: 30,
      hostAddress: '10.89.0.1',
      containerAddress: '10.89.0.2',
    });
    assert.equal(pickSubnet(hostIpv4Ranges(ipAddr)).cidr, '10.89.0.4/30');
    // A host /24 inside the pool pushes the choice past it; a /32 inside a /30 makes that /30 unusable.
    const used = [rangeOf('10.89.0.77', 24)!, rangeOf('10.89.1.2', 32)!];
    assert.equal(pickSubnet(used).cidr, '10.89.1.4/30');
  });

  it('fails with an InputError when the host covers the whole pool', () => {
    assert.throws(() => pickSubnet([rangeOf('10.0.0.1', 8)!]), {
      name: 'InputError',
      message: /10\.89\.0\.0\/16: no free \/30/,
    });
  });

  it('parses and prints IPv4 addresses strictly', () => {
    assert.equal(numberToIpv4(n('10.89.255.254')), '10.89.255.254');
    for (const bad of ['10.89.0', '10.89.0.256', '10.89.0.1.2', 'a.b.c.d', '10.89.0.-1'])
      assert.equal(ipv4ToNumber(bad), undefined, bad);
    assert.equal(rangeOf('10.89.0.6', 33), undefined);
  });
});
