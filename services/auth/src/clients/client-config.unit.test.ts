// AUTH_CLIENTS parsing, scope selection and HTTP Basic client credentials.
import { describe, expect, it } from 'vitest';
import { parseClients } from './client-config.ts';
import { grantedScopes } from './client-credentials.ts';
import { basicCredentials } from './oauth.routes.ts';

const SECRET = 's'.repeat(32);
const client = (extra: Record<string, unknown> = {}) => ({
  id: 'order-query',
  secret: SECRET,
  roles: ['SERVICE'],
  ...extra,
});

describe('AUTH_CLIENTS', () => {
  it('is empty when unset', () => {
    expect(parseClients(undefined)).toEqual([]);
    expect(parseClients('  ')).toEqual([]);
  });
  it('parses clients, scopes defaulting to none', () => {
    expect(parseClients(JSON.stringify([client({ scopes: ['orders.replay'] }), { ...client(), id: 'b' }]))).toEqual([
      { id: 'order-query', secret: SECRET, roles: ['SERVICE'], scopes: ['orders.replay'] },
      { id: 'b', secret: SECRET, roles: ['SERVICE'], scopes: [] },
    ]);
  });
  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['not an array', '{}', 'must be a JSON array'],
    ['a short secret', JSON.stringify([client({ secret: 'short' })]), 'secret must be 32'],
    ['no SERVICE role', JSON.stringify([client({ roles: ['ADMIN'] })]), 'roles must include SERVICE'],
    ['an unknown role', JSON.stringify([client({ roles: ['SERVICE', 'USER'] })]), 'roles must include SERVICE'],
    ['a bad id', JSON.stringify([client({ id: 'Has Space' })]), '.id must match'],
    ['a bad scope', JSON.stringify([client({ scopes: ['a b'] })]), 'scopes must be'],
    ['an unknown field', JSON.stringify([client({ secrets: 'x' })]), 'unknown field'],
    ['a duplicate id', JSON.stringify([client(), client()]), 'names client order-query twice'],
  ])('refuses %s, never echoing a secret', (_what, raw, message) => {
    expect(() => parseClients(raw)).toThrow(message);
    try {
      parseClients(raw);
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).message.startsWith('AUTH_CLIENTS')).toBe(true);
    }
  });
});

describe('granted scopes', () => {
  it('are all of the client’s when none is requested', () => {
    expect(grantedScopes(undefined, ['a', 'b'])).toEqual(['a', 'b']);
    expect(grantedScopes('', ['a'])).toEqual(['a']);
  });
  it('are the requested ones when all are allowed, else none at all', () => {
    expect(grantedScopes('b', ['a', 'b'])).toEqual(['b']);
    expect(grantedScopes('b b', ['a', 'b'])).toEqual(['b']);
    expect(grantedScopes('b c', ['a', 'b'])).toBeNull();
  });
});

describe('HTTP Basic client credentials', () => {
  const encode = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  it('decodes id and secret, form-urlencoded as RFC 6749 §2.3.1 requires', () => {
    expect(basicCredentials(encode('order-query:p%3Ass+word'))).toEqual({ id: 'order-query', secret: 'p:ss word' });
    expect(basicCredentials(encode('id:secret:with:colons'))).toEqual({ id: 'id', secret: 'secret:with:colons' });
  });
  it.each(['Bearer abc', 'Basic', encode('no-colon'), encode('id:%E0%A4%A'), 'Basic !!!'])('refuses %j', (header) => {
    expect(basicCredentials(header)).toBeNull();
  });
});
