// Checkout (orders asks, with its SERVICE token): the cart's current version frozen in PostgreSQL, the same answer
// for that version however often it is asked; order.created later links the order and empties the cart.
import { notFound, type Sql, unprocessable } from '@techcorp/platform';
import { ownerUserId } from '../cart/cart.model.ts';
import type { CartStore } from '../cart/cart.store.ts';
import { type CheckoutRow, saveCheckout } from './checkout.sql.ts';

export interface CheckoutAnswer {
  cart_id: string;
  version: number;
  customer_id: string;
  currency: string;
  lines: { product_id: string; quantity: number }[];
}

export const checkoutAnswer = (row: CheckoutRow): CheckoutAnswer => ({
  cart_id: row.cartId,
  version: row.version,
  customer_id: row.customerId,
  currency: row.currency,
  lines: row.lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity })),
});

export async function checkout(
  deps: { sql: Sql; store: CartStore },
  cartId: string,
  customerId: string,
): Promise<CheckoutAnswer> {
  const stored = await deps.store.read(cartId);
  // Someone else's cart and no cart look the same, so cart ids cannot be probed.
  if (!stored || ownerUserId(stored.cart) !== customerId) throw notFound('cart not found');
  const { cart } = stored;
  if (cart.lines.length === 0 || cart.currency === null) throw unprocessable('cart is empty');
  const row = await saveCheckout(deps.sql, {
    cartId: cart.id,
    version: cart.version,
    customerId,
    currency: cart.currency,
    lines: cart.lines,
  });
  return checkoutAnswer(row);
}
