// A customer's saved address (seed 001's shipping_address_id) from the users service, called with this service's
// own client-credentials token; the address is copied into the order so later edits never change a placed order.
import { type TokenSource, unavailable } from '@techcorp/platform';
import { ExponentialBackoff, handleWhen, retry, TimeoutStrategy, timeout, wrap } from 'cockatiel';
import type { ShippingAddress } from './order.events.ts';

export interface AddressBook {
  /** The customer's address, or null when it does not exist or is someone else's. */
  find(customerId: string, addressId: string): Promise<ShippingAddress | null>;
}

interface UsersAddress {
  recipient: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postal_code: string;
  country: string;
}

class NotFound extends Error {}

export function createAddressBook(usersUrl: () => string, tokens: TokenSource | null, timeoutMs = 2000): AddressBook {
  const policy = wrap(
    retry(
      handleWhen((e) => !(e instanceof NotFound)),
      { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) },
    ),
    timeout(timeoutMs, TimeoutStrategy.Aggressive),
  );
  return {
    async find(customerId, addressId) {
      if (!tokens) throw unavailable('saved addresses are not available here: send shipping_address instead');
      const url = `${usersUrl()}/api/users/${encodeURIComponent(customerId)}/addresses/${encodeURIComponent(addressId)}`;
      try {
        const address = await policy.execute(async ({ signal }) => {
          const authorization = `Bearer ${await tokens.accessToken()}`;
          const response = await fetch(url, { signal, headers: { accept: 'application/json', authorization } });
          // 400 is users refusing the id's shape: for the customer it is just not one of their addresses.
          if (response.status === 404 || response.status === 400) throw new NotFound();
          if (response.status === 401) tokens.invalidate();
          if (!response.ok) throw new Error(`users answered ${response.status}`);
          return (await response.json()) as UsersAddress;
        });
        return toShippingAddress(address);
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw unavailable('the address book could not be reached; nothing was ordered');
      }
    },
  };
}

function toShippingAddress(a: UsersAddress): ShippingAddress {
  return {
    name: a.recipient,
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    ...(a.region ? { state: a.region } : {}),
    postalCode: a.postal_code,
    country: a.country,
  };
}
