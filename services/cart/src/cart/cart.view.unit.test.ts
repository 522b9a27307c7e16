// Specifications of the cart view: what changed since each line was added, totals, expiry, and degraded lookups.
import { describe, expect, it } from 'vitest';
import type { Cart, CartLine, Lookups, Product } from './cart.model.ts';
import { cartView, emptyView } from './cart.view.ts';

const DAY = 86_400_000;
const line = (id: string, quantity: number, price: number): CartLine => ({
  product_id: id,
  sku: `OLD-${id}`,
  title: `Old title ${id}`,
  quantity,
  unit_price_at_add: price,
  added_at: '2026-01-01T00:00:00.000Z',
});
const cart = (...lines: CartLine[]): Cart => ({
  id: 'cart-1',
  owner: { user_id: 'u1' },
  currency: 'BRL',
  version: 3,
  lines,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-05T00:00:00.000Z',
});
const product = (id: string, fields: Partial<Product> = {}): Product => ({
  id,
  sku: `SKU-${id}`,
  title: `Title ${id}`,
  price: 1000,
  currency: 'BRL',
  status: 'ACTIVE',
  ...fields,
});
const facts = (products: Product[], available: Record<string, number>): Lookups => ({
  products: new Map(products.map((p) => [p.id, p])),
  available: new Map(Object.entries(available)),
});

describe('a cart whose products did not change', () => {
  it('shows no flags, current titles, totals and the expiry one TTL after the last change', () => {
    const view = cartView(
      cart(line('a', 2, 1000), line('b', 1, 500)),
      facts([product('a'), product('b', { price: 500 })], { a: 5, b: 1 }),
      30 * DAY,
    );
    expect(view).toMatchObject({
      cart_id: 'cart-1',
      currency: 'BRL',
      version: 3,
      item_count: 3,
      subtotal: 2500,
      expires_at: '2026-02-04T00:00:00.000Z',
      degraded: false,
    });
    expect(view.lines[0]).toEqual({
      product_id: 'a',
      sku: 'SKU-a',
      title: 'Title a',
      quantity: 2,
      unit_price: 1000,
      unit_price_at_add: 1000,
      price_changed: false,
      available: 5,
      insufficient_stock: false,
      unavailable: false,
      line_total: 2000,
      added_at: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('a cart whose products changed since they were added', () => {
  it('a new price: both prices shown, price_changed, totals at the current price', () => {
    const view = cartView(cart(line('a', 2, 1000)), facts([product('a', { price: 1250 })], { a: 9 }), DAY);
    expect(view.lines[0]).toMatchObject({
      unit_price: 1250,
      unit_price_at_add: 1000,
      price_changed: true,
      line_total: 2500,
    });
    expect(view.subtotal).toBe(2500);
  });

  it('stock below the quantity: insufficient_stock with the current number; no stock record counts as 0', () => {
    const view = cartView(
      cart(line('a', 3, 1000), line('b', 1, 1000)),
      facts([product('a'), product('b')], { a: 2 }),
      DAY,
    );
    expect(view.lines.map((l) => [l.available, l.insufficient_stock])).toEqual([
      [2, true],
      [0, true],
    ]);
  });

  it('archived, unknown or now in another currency: unavailable and left out of the subtotal', () => {
    const view = cartView(
      cart(line('a', 1, 1000), line('gone', 1, 700), line('c', 1, 1000), line('ok', 1, 300)),
      facts([product('a', { status: 'ARCHIVED' }), product('c', { currency: 'USD' }), product('ok', { price: 300 })], {
        a: 5,
        c: 5,
        ok: 5,
      }),
      DAY,
    );
    expect(view.lines.map((l) => [l.product_id, l.unavailable])).toEqual([
      ['a', true],
      ['gone', true],
      ['c', true],
      ['ok', false],
    ]);
    expect(view.lines[1]).toMatchObject({ unit_price: 700, price_changed: false, title: 'Old title gone' });
    expect(view.subtotal).toBe(300);
  });
});

describe('a cart whose lookups failed', () => {
  it('is degraded: prices as added, stock unknown, no flags raised', () => {
    const view = cartView(cart(line('a', 2, 1000)), { products: null, available: null }, DAY);
    expect(view.degraded).toBe(true);
    expect(view.lines[0]).toMatchObject({
      unit_price: 1000,
      price_changed: false,
      available: null,
      insufficient_stock: false,
      unavailable: false,
    });
    expect(view.subtotal).toBe(2000);
  });
});

describe('no cart', () => {
  it('is the empty view', () => {
    expect(cartView(null, facts([], {}), DAY)).toEqual(emptyView());
    expect(emptyView()).toMatchObject({ cart_id: null, version: 0, lines: [], subtotal: 0, expires_at: null });
  });
});
