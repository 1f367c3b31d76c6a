import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  exitCode,
  fileAccess,
  fileAccesses,
  formatAddress,
  formatIpv6,
  namespaceFlags,
  networkPort,
  nodeType,
  socketTypeName,
} from './event-fields.js';

describe('event fields', () => {
  it('formats IPv6 addresses as RFC 5952 says', () => {
    const v6 = (hex: string) => formatIpv6(Buffer.from(hex, 'hex'));
    assert.equal(v6('00000000000000000000000000000001'), '::1');
    assert.equal(v6('00000000000000000000000000000000'), '::');
    assert.equal(v6('20010db8000000000000000000000001'), '2001:db8::1');
    assert.equal(v6('20010db8000000010001000100010001'), '2001:db8:0:1:1:1:1:1'); // one zero group stays
    assert.equal(v6('00010000000000020000000000000003'), '1:0:0:2::3'); // the longer run is compressed
    assert.equal(v6('20010db8000000000001000000000001'), '2001:db8::1:0:0:1'); // the first of equal runs
    assert.equal(v6('00000000000000000000ffff0a000001'), '::ffff:10.0.0.1');
  });

  it('tells create, write and read apart from open flags', () => {
    assert.equal(fileAccess(0o0), 'read');
    assert.equal(fileAccess(0o2000000), 'read'); // O_CLOEXEC
    assert.equal(fileAccess(0o1), 'write');
    assert.equal(fileAccess(0o2), 'write');
    assert.equal(fileAccess(0o1000), 'write'); // O_TRUNC on a read-only open still writes
    assert.equal(fileAccess(0o101), 'create');
    assert.deepEqual(fileAccesses(0o102), ['create', 'read', 'write']);
    assert.deepEqual(fileAccesses(0o2), ['read', 'write']);
  });

  it('reads wait statuses as a shell does', () => {
    assert.equal(exitCode(768), 3);
    assert.equal(exitCode(9), 137);
    assert.equal(exitCode(0), 0);
  });

  it('reads addresses and ports as the probe loaded them from memory (little-endian words)', () => {
    assert.equal(formatAddress(2, 16777343n, 0n), '127.0.0.1');
    assert.equal(formatAddress(2, -16777206n, 0n), '10.0.0.255'); // a sign-extended load
    assert.equal(formatAddress(10, 0n, 72057594037927936n), '::1');
    assert.equal(networkPort(20480), 80);
    assert.equal(networkPort(-5868), 5353); // a sign-extended 16-bit load
  });

  it('names socket types, namespace flags and node types', () => {
    assert.equal(socketTypeName(524289), 'stream'); // SOCK_STREAM|SOCK_CLOEXEC
    assert.equal(socketTypeName(10), 'type-10');
    assert.equal(namespaceFlags(0x40020000), 'CLONE_NEWNS|CLONE_NEWNET');
    assert.equal(nodeType(0o020600), 'char');
    assert.equal(nodeType(0o010644), 'fifo');
  });
});
