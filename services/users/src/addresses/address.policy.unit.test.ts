// Specification of the address rules: defaults of a new address, the per-user limit, country codes.
import { describe, expect, it } from 'vitest';
import { isCountryCode, limitReached, MAX_ADDRESSES_PER_USER, newAddressDefaults } from './address.policy.ts';
import { COUNTRY_CODES } from './country-codes.ts';

describe('a user without default addresses', () => {
  const none = { shipping: false, billing: false };

  it('gets a new address as default of both kinds when the request does not say', () => {
    expect(newAddressDefaults({}, none)).toEqual({ shipping: true, billing: true });
  });

  it('keeps an explicit false', () => {
    expect(newAddressDefaults({ shipping: false }, none)).toEqual({ shipping: false, billing: true });
  });
});

describe('a user with both defaults', () => {
  const both = { shipping: true, billing: true };

  it('gets a new address that is no default unless asked', () => {
    expect(newAddressDefaults({}, both)).toEqual({ shipping: false, billing: false });
  });

  it('gets the new address as default of the kind asked for', () => {
    expect(newAddressDefaults({ billing: true }, both)).toEqual({ shipping: false, billing: true });
  });
});

describe('the address limit', () => {
  it(`allows ${MAX_ADDRESSES_PER_USER} addresses and no more`, () => {
    expect(MAX_ADDRESSES_PER_USER).toBe(20);
    expect(limitReached(19)).toBe(false);
    expect(limitReached(20)).toBe(true);
  });
});

describe('country codes', () => {
  it('are the 249 ISO 3166-1 alpha-2 assignments plus XK', () => {
    expect(COUNTRY_CODES.size).toBe(250);
  });

  it.each(['BR', 'US', 'PT', 'GB', 'DE', 'XK', 'AQ'])('%s is a country', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each(['ZZ', 'EU', 'UN', 'UK', 'XX', 'QQ', 'br', 'BRA', ''])('%s is not', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});
