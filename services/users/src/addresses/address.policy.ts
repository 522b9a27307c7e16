// Address rules as pure functions: the per-user limit, which defaults a new address takes, real country codes.
import { COUNTRY_CODES } from './country-codes.ts';

export const MAX_ADDRESSES_PER_USER = 20;

export type DefaultKind = 'shipping' | 'billing';
export const DEFAULT_KINDS: readonly DefaultKind[] = ['shipping', 'billing'];

export interface DefaultFlags {
  shipping: boolean;
  billing: boolean;
}

/**
 * The default flags of a new address: what the request says, else default when the user has no default of that kind
 * yet (so a first address is where orders ship and bill without a further step).
 */
export function newAddressDefaults(requested: Partial<DefaultFlags>, existing: DefaultFlags): DefaultFlags {
  return {
    shipping: requested.shipping ?? !existing.shipping,
    billing: requested.billing ?? !existing.billing,
  };
}

export function limitReached(addressCount: number): boolean {
  return addressCount >= MAX_ADDRESSES_PER_USER;
}

/** An assigned ISO 3166-1 alpha-2 code; the schema has checked the shape (two capitals) already. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}
