// The gateway-signed context: what a valid signature vouches for, and every way a forgery or replay is refused.
import { describe, expect, it } from 'vitest';
import { identityFrom } from './identity.ts';
import { CONTEXT_HEADERS, gatewaySecretFromEnv, signContext, verifyContext } from './signed-context.ts';

const SECRET = 'a-gateway-secret-of-at-least-32-characters';
const target = { method: 'GET', url: '/api/orders/42?x=1' };
const NOW = 1_800_000_000;
const alice = identityFrom('alice', ['USER'], 'sess-1');

describe('a context signed by the gateway', () => {
  it('vouches for the identity, roles, session and client address it was signed with', () => {
    const headers = signContext(SECRET, { identity: alice, clientIp: '10.0.0.7' }, target, NOW);
    expect(verifyContext(SECRET, headers, target, NOW + 59)).toEqual({
      ok: true,
      context: {
        identity: { subject: 'alice', roles: ['USER'], sessionId: 'sess-1', kind: 'user' },
        clientIp: '10.0.0.7',
      },
    });
  });

  it('carries an anonymous caller as no identity, still with a trustworthy client address', () => {
    const headers = signContext(SECRET, { identity: null, clientIp: '10.0.0.8' }, target, NOW);
    expect(headers[CONTEXT_HEADERS.userId]).toBeUndefined();
    expect(verifyContext(SECRET, headers, target, NOW)).toEqual({
      ok: true,
      context: { identity: null, clientIp: '10.0.0.8' },
    });
  });

  it('marks a SERVICE caller as a service', () => {
    const headers = signContext(
      SECRET,
      { identity: identityFrom('order-query', ['SERVICE'], null), clientIp: null },
      target,
      NOW,
    );
    const verified = verifyContext(SECRET, headers, target, NOW);
    expect(verified?.ok && verified.context.identity?.kind).toBe('service');
  });
});

describe('a forged or replayed context', () => {
  const signed = signContext(SECRET, { identity: alice, clientIp: '10.0.0.7' }, target, NOW);
  const refused = (headers: Record<string, string>, at = target, now = NOW) =>
    expect(verifyContext(SECRET, headers, at, now)).toMatchObject({ ok: false });

  it('is refused when any signed field changes', () => {
    refused({ ...signed, [CONTEXT_HEADERS.userId]: 'mallory' });
    refused({ ...signed, [CONTEXT_HEADERS.roles]: 'USER,ADMIN' });
    refused({ ...signed, [CONTEXT_HEADERS.sessionId]: 'sess-2' });
    refused({ ...signed, [CONTEXT_HEADERS.clientIp]: '1.2.3.4' });
  });

  it('is refused on another method or url (no replay onto another route)', () => {
    refused(signed, { method: 'DELETE', url: target.url });
    refused(signed, { method: 'GET', url: '/api/orders/43?x=1' });
  });

  it('is refused when signed with another secret, malformed, or too old or too far ahead', () => {
    refused(signContext(`${SECRET}-other`, { identity: alice, clientIp: null }, target, NOW));
    refused({ ...signed, [CONTEXT_HEADERS.signature]: 'v1=abc' });
    refused(signed, target, NOW + 61);
    refused(signed, target, NOW - 61);
  });

  it('is no context at all when unsigned: x-user-id alone vouches for nothing', () => {
    expect(
      verifyContext(SECRET, { [CONTEXT_HEADERS.userId]: 'alice', [CONTEXT_HEADERS.roles]: 'ADMIN' }, target),
    ).toBeNull();
  });
});

describe('the shared secret', () => {
  it('must be configured and long enough', () => {
    expect(() => gatewaySecretFromEnv({})).toThrow(/GATEWAY_IDENTITY_SECRET is required/);
    expect(() => gatewaySecretFromEnv({ GATEWAY_IDENTITY_SECRET: 'short' })).toThrow(/at least 32/);
    expect(gatewaySecretFromEnv({ GATEWAY_IDENTITY_SECRET: SECRET })).toBe(SECRET);
  });
});
