import { describe, expect, it } from 'vitest';
import { privateRange } from './private-address.ts';

describe('privateRange', () => {
  it('names the private, loopback, link-local and "this host" ranges, IPv4 and IPv6', () => {
    const cases: Record<string, string> = {
      '10.1.2.3': 'a private address',
      '172.16.0.1': 'a private address',
      '172.31.255.255': 'a private address',
      '192.168.1.1': 'a private address',
      '127.0.0.1': 'a loopback address',
      '127.9.9.9': 'a loopback address',
      '169.254.169.254': 'a link-local address',
      '0.0.0.0': 'a "this host" address',
      '::1': 'a loopback address',
      '[::1]': 'a loopback address',
      '::': 'a "this host" address',
      'fc00::1': 'a private address',
      'fd12:3456::1': 'a private address',
      'fe80::1': 'a link-local address',
      '::ffff:127.0.0.1': 'a loopback address',
      '::ffff:7f00:1': 'a loopback address',
      '::ffff:a9fe:a9fe': 'a link-local address',
      '::ffff:10.0.0.1': 'a private address',
    };
    for (const [address, range] of Object.entries(cases)) expect(privateRange(address), address).toBe(range);
  });

  it('passes public addresses and names that are not addresses', () => {
    for (const address of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'example.com'])
      expect(privateRange(address), address).toBeUndefined();
  });
});
