import { BlockList, isIP } from 'node:net';

/** The ranges a policy refuses unless allowed: private, loopback, link-local, "this host", unique local. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('0.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT: never a public service
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/**
 * Which kind of non-public address `address` is (an IP literal, IPv6 with or without brackets), or undefined for a
 * public one. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is judged as the IPv4 address it maps.
 */
export function privateRange(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return undefined;
  if (family === 6) {
    const mapped = mappedIpv4(bare.toLowerCase());
    if (mapped !== undefined) return privateRange(mapped);
  }
  if (!PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
  return describe(bare, family);
}

function describe(address: string, family: number): string {
  if (family === 4) {
    if (address.startsWith('127.')) return 'a loopback address';
    if (address.startsWith('169.254.')) return 'a link-local address';
    if (address.startsWith('0.')) return 'a "this host" address';
    return 'a private address';
  }
  const lower = address.toLowerCase();
  if (lower === '::1') return 'a loopback address';
  if (lower === '::') return 'a "this host" address';
  if (/^fe[89ab]/.test(lower)) return 'a link-local address';
  return 'a private address';
}

/** The IPv4 address inside `::ffff:a.b.c.d` or `::ffff:XXXX:XXXX`, if it is one. */
function mappedIpv4(address: string): string | undefined {
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1] !== undefined) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (hex?.[1] === undefined || hex[2] === undefined) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}
