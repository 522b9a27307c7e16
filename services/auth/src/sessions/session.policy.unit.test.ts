// Session rules: the kv entry of seed 001 (a digest, never the token), its lifetime, revocation markers, devices.
import { describe, expect, it } from 'vitest';
import { deviceOf, revokedMarkerTtlMs, sessionCacheTtlMs, sessionCacheValue, sessionKey } from './session.policy.ts';

describe('the session kv entry', () => {
  it('lives under session:{id} with the seed’s fields and the refresh token’s digest', () => {
    expect(sessionKey('s1')).toBe('session:s1');
    const value = sessionCacheValue({
      userId: 'u1',
      refreshTokenHash: 'ab'.repeat(32),
      device: { userAgent: 'ua', ip: '192.0.2.1' },
      createdAt: new Date('2030-01-01T10:00:00Z'),
      lastUsedAt: new Date('2030-01-02T10:00:00Z'),
    });
    expect(value).toEqual({
      user_id: 'u1',
      refresh_token: 'ab'.repeat(32),
      device_info: { user_agent: 'ua', ip: '192.0.2.1' },
      created_at: '2030-01-01T10:00:00.000Z',
      last_used_at: '2030-01-02T10:00:00.000Z',
    });
  });
  it('expires with the session', () => {
    expect(sessionCacheTtlMs(new Date(10_000), 4_000)).toBe(6_000);
    expect(sessionCacheTtlMs(new Date(10_000), 10_000)).toBe(0);
  });
});

describe('a revoked session’s marker', () => {
  it('outlives the longest access token by a minute', () => {
    expect(revokedMarkerTtlMs(300)).toBe(360_000);
  });
});

describe('the device of a session', () => {
  it('keeps a bounded user agent without control characters, and the address', () => {
    expect(deviceOf('Mozilla/5.0\r\nX-Injected: 1', '192.0.2.1')).toEqual({
      userAgent: 'Mozilla/5.0X-Injected: 1',
      ip: '192.0.2.1',
    });
    expect(deviceOf('x'.repeat(2000), null).userAgent).toHaveLength(512);
    expect(deviceOf(undefined, null)).toEqual({ userAgent: null, ip: null });
    expect(deviceOf(['a', 'b'], '::1')).toEqual({ userAgent: null, ip: '::1' });
  });
});
