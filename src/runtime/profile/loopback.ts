// Which peer addresses never leave the container's network namespace: IPv4 127.0.0.0/8 and IPv6 ::1 (RFC 1122
// section 3.2.1.3, RFC 4291 section 2.5.3), also when written as an IPv4-mapped IPv6 address (RFC 4291 section 2.5.5.2).

import { isIPv4, isIPv6 } from 'node:net';

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:10.0.0.1), or the address unchanged. */
export function unmapIPv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]!) ? mapped[1]! : address;
}

export function isLoopback(address: string): boolean {
  const plain = unmapIPv4(address);
  if (isIPv4(plain)) return plain.startsWith('127.');
  if (!isIPv6(plain)) return false;
  return /^(0{0,4}:){2,7}0{0,3}1$/.test(plain) || plain === '::1';
}
