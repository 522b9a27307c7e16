// Signing-key rules: publication of rotated keys, public members only, staleness of an instance's key.
import { describe, expect, it } from 'vitest';
import { isPublished, isStale, publicJwk, retireAfter, retireDelaySeconds } from './key.policy.ts';

const ROTATED = new Date('2030-01-01T10:00:00.000Z');

describe('given a key rotated out', () => {
  it('then it stays published for the access TTL plus a minute', () => {
    expect(retireDelaySeconds(300)).toBe(360);
    expect(retireAfter(ROTATED, 300)).toEqual(new Date('2030-01-01T10:06:00.000Z'));
  });
  it('when retire_after has not passed, then it is published; afterwards it is not', () => {
    const key = { state: 'retiring' as const, retireAfter: retireAfter(ROTATED, 300) };
    expect(isPublished(key, new Date('2030-01-01T10:05:59.999Z'))).toBe(true);
    expect(isPublished(key, new Date('2030-01-01T10:06:00.000Z'))).toBe(false);
  });
  it('an active key is always published, a retired one never', () => {
    expect(isPublished({ state: 'active', retireAfter: null }, ROTATED)).toBe(true);
    expect(isPublished({ state: 'retired', retireAfter: ROTATED }, new Date(0))).toBe(false);
  });
});

describe('published JWKs', () => {
  it('keep only kty, n, e and add kid, alg and use, whatever else the stored JWK has', () => {
    const stored = { kty: 'RSA', n: 'modulus', e: 'AQAB', d: 'PRIVATE', p: 'P', q: 'Q', dp: 'x', dq: 'y', qi: 'z' };
    expect(publicJwk(stored, 'kid-1')).toEqual({
      kty: 'RSA',
      n: 'modulus',
      e: 'AQAB',
      kid: 'kid-1',
      alg: 'RS256',
      use: 'sig',
    });
  });
  it('refuse a key that is not RSA', () => {
    expect(() => publicJwk({ kty: 'EC', x: 'a', y: 'b' }, 'k')).toThrow('not an RSA key');
  });
});

describe('an instance’s loaded key', () => {
  it('is stale once reloads have failed for the interval plus 15 s', () => {
    expect(isStale(0, 45_000, 30_000)).toBe(false);
    expect(isStale(0, 45_001, 30_000)).toBe(true);
  });
});
