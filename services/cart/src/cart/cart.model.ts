// The cart as stored in the key-value store (snake_case JSON), the catalog facts it is checked against, its limits.
import { MAX_LINE_QUANTITY } from '@techcorp/contracts';

export const MAX_LINES = 50;
export const MAX_QUANTITY = MAX_LINE_QUANTITY;

export type CartOwner = { user_id: string } | { guest: true };

export interface CartLine {
  product_id: string;
  sku: string;
  title: string;
  quantity: number;
  /** Catalog price in minor units when the line was first added; the view compares it with today's price. */
  unit_price_at_add: number;
  added_at: string;
}

export interface Cart {
  /** UUID v7. */
  id: string;
  owner: CartOwner;
  /** The currency of every line; null while the cart is empty, so an emptied cart takes any currency again. */
  currency: string | null;
  /** 0 for a cart never written; every change adds 1. */
  version: number;
  lines: CartLine[];
  created_at: string;
  updated_at: string;
}

/** What the catalog says about a product (its public product view, the fields the cart uses). */
export interface Product {
  id: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  status: string;
}

/** Current catalog and stock facts per product id; a map is null when its service could not be reached. */
export interface Lookups {
  products: ReadonlyMap<string, Product> | null;
  available: ReadonlyMap<string, number> | null;
}

export const ownerUserId = (cart: Cart): string | null => ('user_id' in cart.owner ? cart.owner.user_id : null);

export function emptyCart(id: string, owner: CartOwner, now: string): Cart {
  return { id, owner, currency: null, version: 0, lines: [], created_at: now, updated_at: now };
}

/** Reads a stored cart; anything that is not one is a bug or tampering, never a customer's input. */
export function parseCart(raw: string): Cart {
  const value = JSON.parse(raw) as Partial<Cart>;
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.id !== 'string' ||
    typeof value.version !== 'number' ||
    !Array.isArray(value.lines) ||
    typeof value.owner !== 'object' ||
    value.owner === null
  ) {
    throw new Error('stored cart is malformed');
  }
  return value as Cart;
}
