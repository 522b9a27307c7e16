// Pure: the cart as the customer sees it, with what changed since each line was added (price, stock, sale status).
import type { Cart, CartLine, Lookups } from './cart.model.ts';

export interface CartLineView {
  product_id: string;
  sku: string;
  title: string;
  quantity: number;
  /** Today's catalog price (the price at add when the catalog could not be asked). */
  unit_price: number;
  unit_price_at_add: number;
  price_changed: boolean;
  /** Units in stock now; null when inventory could not be asked. */
  available: number | null;
  insufficient_stock: boolean;
  /** The catalog no longer sells it here: unknown, archived, or now priced in another currency. */
  unavailable: boolean;
  line_total: number;
  added_at: string;
}

export interface CartView {
  cart_id: string | null;
  currency: string | null;
  version: number;
  item_count: number;
  /** Sum of the line totals at today's prices, without the lines that cannot be bought. */
  subtotal: number;
  expires_at: string | null;
  lines: CartLineView[];
  /** True when catalog or inventory could not be reached: prices and stock are shown as last known. */
  degraded: boolean;
}

export function emptyView(): CartView {
  return {
    cart_id: null,
    currency: null,
    version: 0,
    item_count: 0,
    subtotal: 0,
    expires_at: null,
    lines: [],
    degraded: false,
  };
}

export function lineView(line: CartLine, currency: string | null, lookups: Lookups): CartLineView {
  const product = lookups.products?.get(line.product_id);
  const unavailable =
    lookups.products !== null && (product?.status !== 'ACTIVE' || (currency !== null && product.currency !== currency));
  const unitPrice = product?.price ?? line.unit_price_at_add;
  const available = lookups.available === null ? null : Math.max(lookups.available.get(line.product_id) ?? 0, 0);
  return {
    product_id: line.product_id,
    sku: product?.sku ?? line.sku,
    title: product?.title ?? line.title,
    quantity: line.quantity,
    unit_price: unitPrice,
    unit_price_at_add: line.unit_price_at_add,
    price_changed: product !== undefined && product.price !== line.unit_price_at_add,
    available,
    insufficient_stock: available !== null && line.quantity > available,
    unavailable,
    line_total: unitPrice * line.quantity,
    added_at: line.added_at,
  };
}

/** `ttlMs` is the owner's time to live: the cart expires that long after its last change. */
export function cartView(cart: Cart | null, lookups: Lookups, ttlMs: number): CartView {
  if (!cart || cart.version === 0) return emptyView();
  const lines = cart.lines.map((line) => lineView(line, cart.currency, lookups));
  return {
    cart_id: cart.id,
    currency: cart.currency,
    version: cart.version,
    item_count: lines.reduce((sum, l) => sum + l.quantity, 0),
    subtotal: lines.reduce((sum, l) => (l.unavailable ? sum : sum + l.line_total), 0),
    expires_at: new Date(Date.parse(cart.updated_at) + ttlMs).toISOString(),
    lines,
    degraded: lookups.products === null || lookups.available === null,
  };
}
