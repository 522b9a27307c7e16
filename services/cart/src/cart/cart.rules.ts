// Pure cart rules: what an add, a quantity change, a removal, a clear, a merge or a placed order does to a cart.
// No clock and no I/O: the time and the catalog/stock facts arrive as arguments.
import { notFound, unprocessable } from '@techcorp/platform';
import { type Cart, type CartLine, type Lookups, MAX_LINES, MAX_QUANTITY, type Product } from './cart.model.ts';

const refuse = (field: string, message: string) => unprocessable(message, [{ field, message }]);

/** The next state of the cart: new lines, currency following them, version + 1. */
function changed(cart: Cart, lines: CartLine[], now: string, currency = cart.currency): Cart {
  return {
    ...cart,
    lines,
    currency: lines.length === 0 ? null : currency,
    version: cart.version + 1,
    updated_at: now,
  };
}

/** Throws a 422 naming product_id unless the product exists, is for sale and is priced in the cart's currency. */
export function assertSellable(cart: Cart, product: Product | null): asserts product is Product {
  if (!product) throw refuse('product_id', 'unknown product');
  if (product.status !== 'ACTIVE') throw refuse('product_id', 'not for sale');
  if (cart.lines.length > 0 && cart.currency !== null && product.currency !== cart.currency) {
    throw refuse('product_id', `is priced in ${product.currency}; this cart holds ${cart.currency}`);
  }
}

/** Throws a 422 naming quantity when the line would exceed the per-line cap or what is in stock. */
export function assertQuantity(total: number, available: number): void {
  if (total > MAX_QUANTITY) throw refuse('quantity', `a cart line holds at most ${MAX_QUANTITY} units`);
  if (total > available) {
    throw refuse('quantity', `only ${Math.max(available, 0)} available; the line would hold ${total}`);
  }
}

/** Adds `quantity` units: to the existing line, or as a new line priced at today's catalog price. */
export function addItem(cart: Cart, product: Product | null, available: number, quantity: number, now: string): Cart {
  assertSellable(cart, product);
  const existing = cart.lines.find((l) => l.product_id === product.id);
  if (!existing && cart.lines.length >= MAX_LINES) {
    throw refuse('product_id', `a cart holds at most ${MAX_LINES} different products`);
  }
  const total = (existing?.quantity ?? 0) + quantity;
  assertQuantity(total, available);
  const lines = existing
    ? cart.lines.map((l) => (l === existing ? { ...l, quantity: total } : l))
    : [...cart.lines, newLine(product, quantity, now)];
  return changed(cart, lines, now, product.currency);
}

function newLine(product: Product, quantity: number, now: string): CartLine {
  return {
    product_id: product.id,
    sku: product.sku,
    title: product.title,
    quantity,
    unit_price_at_add: product.price,
    added_at: now,
  };
}

function lineOf(cart: Cart, productId: string): CartLine {
  const line = cart.lines.find((l) => l.product_id === productId);
  if (!line) throw notFound('this product is not in the cart');
  return line;
}

/** Sets a line's quantity (1..1000; removing is a separate operation), re-checked against catalog and stock. */
export function changeQuantity(
  cart: Cart,
  productId: string,
  product: Product | null,
  available: number,
  quantity: number,
  now: string,
): Cart | null {
  const line = lineOf(cart, productId);
  assertSellable(cart, product);
  assertQuantity(quantity, available);
  if (line.quantity === quantity) return null;
  return changed(
    cart,
    cart.lines.map((l) => (l === line ? { ...l, quantity } : l)),
    now,
  );
}

export function removeItem(cart: Cart, productId: string, now: string): Cart {
  const line = lineOf(cart, productId);
  return changed(
    cart,
    cart.lines.filter((l) => l !== line),
    now,
  );
}

/** Empties the cart; null when it is empty already (nothing to write). */
export function clearCart(cart: Cart, now: string): Cart | null {
  return cart.lines.length === 0 ? null : changed(cart, [], now);
}

/**
 * After order.created: empties the cart when it is still the version that was checked out and belongs to the
 * customer who ordered; a cart changed since (or someone else's) is left alone. Null: nothing to write.
 */
export function emptyAfterOrder(cart: Cart, checkedOutVersion: number, customerId: string, now: string): Cart | null {
  if (cart.version !== checkedOutVersion) return null;
  if (!('user_id' in cart.owner) || cart.owner.user_id !== customerId) return null;
  return cart.lines.length === 0 ? null : changed(cart, [], now);
}

export interface CappedLine {
  product_id: string;
  /** The summed quantity the merge asked for. */
  requested: number;
  /** What the line holds after the merge. */
  quantity: number;
  available: number;
}
export interface DroppedLine {
  product_id: string;
  reason: string;
}
export interface MergeOutcome {
  cart: Cart | null;
  capped: CappedLine[];
  dropped: DroppedLine[];
}

/**
 * Moves a guest cart's lines into the customer's: quantities summed and capped at stock and the per-line limit;
 * lines that cannot be sold here (unknown, archived, another currency, no room) are dropped and reported.
 */
export function mergeLines(target: Cart, guestLines: readonly CartLine[], lookups: Lookups, now: string): MergeOutcome {
  const lines = [...target.lines];
  let currency = target.lines.length > 0 ? target.currency : null;
  const capped: CappedLine[] = [];
  const dropped: DroppedLine[] = [];
  for (const guest of guestLines) {
    const product = lookups.products?.get(guest.product_id) ?? null;
    const reason = dropReason(product, currency);
    if (reason) {
      dropped.push({ product_id: guest.product_id, reason });
      continue;
    }
    const index = lines.findIndex((l) => l.product_id === guest.product_id);
    if (index < 0 && lines.length >= MAX_LINES) {
      dropped.push({ product_id: guest.product_id, reason: `a cart holds at most ${MAX_LINES} different products` });
      continue;
    }
    const existing = index >= 0 ? lines[index]!.quantity : 0;
    const available = Math.max(lookups.available?.get(guest.product_id) ?? 0, 0);
    const requested = existing + guest.quantity;
    // Never lowers what the customer already had; only the guest's units are capped.
    const quantity = Math.max(existing, Math.min(requested, available, MAX_QUANTITY));
    if (quantity < requested) capped.push({ product_id: guest.product_id, requested, quantity, available });
    if (quantity === 0) continue;
    if (index >= 0) lines[index] = { ...lines[index]!, quantity };
    else lines.push({ ...guest, quantity });
    currency ??= product!.currency;
  }
  const same = lines.length === target.lines.length && lines.every((l, i) => l === target.lines[i]);
  return { cart: same ? null : changed(target, lines, now, currency), capped, dropped };
}

function dropReason(product: Product | null, currency: string | null): string | null {
  if (!product) return 'unknown product';
  if (product.status !== 'ACTIVE') return 'not for sale';
  if (currency !== null && product.currency !== currency) return `priced in ${product.currency}, not ${currency}`;
  return null;
}
