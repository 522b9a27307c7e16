// The cart's consumer of order.created (inbox, queue cart.order-events): link the snapshot to its order and empty
// the cart, unless the customer changed it after checking out (then it holds what they added since).
import { type Envelope, OrderCreated, type OrderCreatedData } from '@techcorp/contracts';
import type { Logger, SqlExecutor, TransactionalHandler } from '@techcorp/platform';
import { emptyAfterOrder } from '../cart/cart.rules.ts';
import type { CartStore } from '../cart/cart.store.ts';
import { recordOrder } from './checkout.sql.ts';

export const ORDER_EVENTS_QUEUE = 'cart.order-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ATTEMPTS = 5;

export interface OrderEventDeps {
  store: CartStore;
  logger: Logger;
  now: () => string;
  onEmptied?: () => void;
}

export function orderEventHandlers(deps: OrderEventDeps): Record<string, TransactionalHandler> {
  const onOrderCreated = async (tx: SqlExecutor, message: Envelope) => {
    const data = message.data as OrderCreatedData;
    if (!data.cart) return;
    const cartId = data.cart.cartId.toLowerCase();
    // Not an id this service issues: nothing of ours to touch (and not worth a retry or a dead letter).
    if (!UUID.test(cartId)) {
      deps.logger.warn({ orderId: data.orderId }, 'order.created names a cart id this service never issued');
      return;
    }
    const { version } = data.cart;
    const linked = await recordOrder(tx, { cartId, version, customerId: data.customerId }, data.orderId);
    if (linked === null)
      deps.logger.warn({ orderId: data.orderId, cartId }, 'order.created for a cart never checked out');
    else if (linked !== data.orderId)
      deps.logger.error({ orderId: data.orderId, cartId, linked }, 'a second order for one checked-out cart version');
    // Idempotent: once emptied (or changed) the version differs, so a redelivery leaves the cart alone.
    await emptyIfUnchanged(deps, cartId, version, data.customerId);
  };
  return { [OrderCreated.type]: onOrderCreated };
}

async function emptyIfUnchanged(deps: OrderEventDeps, cartId: string, version: number, customerId: string) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await deps.store.read(cartId);
    if (!stored) return;
    const next = emptyAfterOrder(stored.cart, version, customerId, deps.now());
    if (!next) return;
    if (await deps.store.replace(stored, next)) {
      deps.onEmptied?.();
      return;
    }
  }
  // Every attempt lost to a concurrent change: the customer is editing the cart, so it is theirs to keep.
}
