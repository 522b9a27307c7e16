// Cart settings: defaults from the brief, overrides, and a refusal naming the variable for a bad value.
import { ConfigError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { cartConfig } from './config.ts';

const DAY_MS = 86_400_000;

describe('cart configuration', () => {
  it('defaults to 30 days for customers, 7 for guests and a 2 s upstream timeout', () => {
    expect(cartConfig({})).toEqual({ userTtlMs: 30 * DAY_MS, guestTtlMs: 7 * DAY_MS, upstreamTimeoutMs: 2000 });
  });

  it('takes overrides in seconds', () => {
    const config = cartConfig({ CART_USER_TTL_SECONDS: '3600', CART_GUEST_TTL_SECONDS: '600' });
    expect(config).toMatchObject({ userTtlMs: 3_600_000, guestTtlMs: 600_000 });
  });

  it.each([
    ['CART_USER_TTL_SECONDS', 'soon'],
    ['CART_GUEST_TTL_SECONDS', '0'],
    ['CART_UPSTREAM_TIMEOUT_MS', '-5'],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => cartConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => cartConfig({ [name]: value })).toThrow(name);
  });
});
