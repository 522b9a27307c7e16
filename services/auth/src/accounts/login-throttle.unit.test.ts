// The throttle's verdict: refused while any counted key is over its limit, for as long as the longest window lasts.
import { describe, expect, it } from 'vitest';
import { accountKey, verdict } from './login-throttle.ts';

describe('throttle verdicts', () => {
  it('allow up to the limit, attempt included', () => {
    expect(verdict([{ count: 5, max: 5, ttlMs: 1000 }], 900)).toEqual({ allowed: true });
  });
  it('refuse over the limit, Retry-After being the longest exceeded window in whole seconds', () => {
    expect(
      verdict(
        [
          { count: 6, max: 5, ttlMs: 12_001 },
          { count: 51, max: 50, ttlMs: 3_000 },
          { count: 1, max: 5, ttlMs: 900_000 },
        ],
        900,
      ),
    ).toEqual({ allowed: false, retryAfterSeconds: 13 });
  });
  it('fall back to the whole window when the kv reports no expiry, and never say 0', () => {
    expect(verdict([{ count: 6, max: 5, ttlMs: -1 }], 900)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(verdict([{ count: 6, max: 5, ttlMs: 10 }], 900)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('account keys', () => {
  it('are digests of the normalised address, so the kv never lists e-mail addresses', () => {
    const key = accountKey('ada@example.com');
    expect(key).toMatch(/^auth:login-failures:account:[0-9a-f]{64}$/);
    expect(key).not.toContain('ada');
  });
});
