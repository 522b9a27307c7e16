// Client address through trusted proxies only: off by default, all, hop counts, address lists.
import { ConfigError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, plainIp } from './client-address.ts';

const xff = (value: string) => ({ 'x-forwarded-for': value, host: 'api.example.com' });

describe('parseTrustProxy', () => {
  it.each([[undefined], [''], ['false'], ['off'], ['0']])('%s is off', (raw) => {
    expect(parseTrustProxy(raw).kind).toBe('none');
  });
  it('reads true, hop counts and lists', () => {
    expect(parseTrustProxy('true').kind).toBe('all');
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('loopback, 10.0.0.0/8, fd00::1').kind).toBe('list');
  });
  it.each([['10.0.0.0/33'], ['not-an-ip'], ['10.0.0.1, bogus/8'], ['::1/129']])(
    'refuses %s naming the variable',
    (raw) => {
      expect(() => parseTrustProxy(raw)).toThrow(ConfigError);
      expect(() => parseTrustProxy(raw)).toThrow(/GATEWAY_TRUST_PROXY/);
    },
  );
});

describe('clientAddress', () => {
  it('ignores forwarding headers when no proxy is trusted', () => {
    const address = clientAddress(
      '127.0.0.1',
      { ...xff('203.0.113.9'), 'x-forwarded-proto': 'https' },
      parseTrustProxy(undefined),
    );
    expect(address).toEqual({ ip: '127.0.0.1', forwardedFor: '127.0.0.1', proto: 'http', host: 'api.example.com' });
  });

  it('walks back through trusted proxies only', () => {
    const trust = parseTrustProxy('10.0.0.0/8');
    // The client (or an attacker) wrote 1.1.1.1; 203.0.113.9 is what our trusted proxy 10.0.0.2 saw.
    const address = clientAddress('10.0.0.1', xff('1.1.1.1, 203.0.113.9, 10.0.0.2'), trust);
    expect(address.ip).toBe('203.0.113.9');
    expect(address.forwardedFor).toBe('203.0.113.9, 10.0.0.2, 10.0.0.1');
  });

  it('trusts a fixed number of hops', () => {
    const address = clientAddress('10.0.0.1', xff('1.1.1.1, 203.0.113.9'), parseTrustProxy('1'));
    expect(address.ip).toBe('203.0.113.9');
  });

  it('with trust all takes the first address', () => {
    expect(clientAddress('10.0.0.1', xff('1.1.1.1, 203.0.113.9'), parseTrustProxy('true')).ip).toBe('1.1.1.1');
  });

  it('stops at a forwarded entry that is not an address', () => {
    const address = clientAddress('127.0.0.1', xff('garbage'), parseTrustProxy('loopback'));
    expect(address.ip).toBe('127.0.0.1');
  });

  it("keeps a trusted proxy's proto and host, and only http or https", () => {
    const trust = parseTrustProxy('loopback');
    const headers = { ...xff('203.0.113.9'), 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example.com' };
    expect(clientAddress('::ffff:127.0.0.1', headers, trust)).toMatchObject({
      proto: 'https',
      host: 'shop.example.com',
    });
    expect(clientAddress('127.0.0.1', { ...headers, 'x-forwarded-proto': 'gopher' }, trust).proto).toBe('http');
  });

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(plainIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(plainIp('2001:db8::1')).toBe('2001:db8::1');
  });
});
