// Checks a cart out of the cart service (seed 002: cart -> order), with this service's own client-credentials token.
// Cart freezes the cart at its current version and answers the same snapshot however often it is asked.
import { AppError, type TokenSource, unavailable, unprocessable } from '@techcorp/platform';
import { ExponentialBackoff, handleWhen, retry, TimeoutStrategy, timeout, wrap } from 'cockatiel';

export interface CartSnapshot {
  cartId: string;
  version: number;
  currency: string;
  lines: { product_id: string; quantity: number }[];
}

export interface CartCheckout {
  /** The frozen cart, or a 422 naming `cart_id` when it is not the customer's, is gone or is empty. */
  checkout(cartId: string, customerId: string): Promise<CartSnapshot>;
}

/** An answer from cart that retrying will not change. */
class Refused extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`cart answered ${status}`);
    this.status = status;
  }
}

export function createCartCheckout(cartUrl: () => string, tokens: TokenSource | null, timeoutMs = 3000): CartCheckout {
  const policy = wrap(
    retry(
      handleWhen((e) => !(e instanceof Refused)),
      { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) },
    ),
    timeout(timeoutMs, TimeoutStrategy.Aggressive),
  );
  return {
    async checkout(cartId, customerId) {
      if (!tokens) throw unavailable('checking out a cart is not available here: send items instead');
      const url = `${cartUrl()}/api/carts/${encodeURIComponent(cartId)}/checkout`;
      try {
        const body = await policy.execute(async ({ signal }) => {
          const response = await fetch(url, {
            method: 'POST',
            signal,
            headers: {
              authorization: `Bearer ${await tokens.accessToken()}`,
              'content-type': 'application/json',
              accept: 'application/json',
            },
            body: JSON.stringify({ customer_id: customerId }),
          });
          if (response.status === 401) tokens.invalidate();
          if ([400, 404, 422].includes(response.status)) throw new Refused(response.status);
          if (!response.ok) throw new Error(`cart answered ${response.status}`);
          return (await response.json()) as {
            cart_id: string;
            version: number;
            currency: string;
            lines: CartSnapshot['lines'];
          };
        });
        return { cartId: body.cart_id, version: body.version, currency: body.currency, lines: body.lines };
      } catch (error) {
        if (error instanceof Refused) {
          const message = error.status === 422 ? 'is empty' : 'is not a cart of yours';
          throw unprocessable(`the cart cannot be checked out: it ${message}`, [{ field: 'cart_id', message }]);
        }
        if (error instanceof AppError) throw error;
        throw unavailable('the cart could not be reached; nothing was ordered');
      }
    },
  };
}
