// Specifications of the pure cart rules: adding, changing, removing, clearing, merging, emptying after an order.
import { AppError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { type Cart, type CartLine, emptyCart, type Lookups, MAX_LINES, type Product } from './cart.model.ts';
import { addItem, changeQuantity, clearCart, emptyAfterOrder, mergeLines, removeItem } from './cart.rules.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
const USER = '0190f1a2-0000-7000-8000-000000000001';

let seq = 0;
function product(fields: Partial<Product> = {}): Product {
  seq += 1;
  const id = fields.id ?? `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`;
  return { id, sku: `SKU-${seq}`, title: `Thing ${seq}`, price: 1000, currency: 'BRL', status: 'ACTIVE', ...fields };
}
const empty = (): Cart => emptyCart('cart-1', { user_id: USER }, T0);
const withLines = (...entries: [Product, number][]): Cart =>
  entries.reduce((cart, [p, q]) => addItem(cart, p, 1000, q, T0), empty());

/** Runs fn and returns the AppError it throws (fails when it does not throw one). */
function refusal(fn: () => unknown): { status: number; field: string | undefined; message: string } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, field: error.errors[0]?.field, message: error.message };
  }
  throw new Error('expected a refusal');
}

describe('an empty cart', () => {
  it('takes a first line at today price, in the product currency, as version 1', () => {
    const p = product({ price: 2590, currency: 'USD' });
    const cart = addItem(empty(), p, 10, 2, T1);
    expect(cart).toMatchObject({ version: 1, currency: 'USD', updated_at: T1 });
    expect(cart.lines).toEqual([
      { product_id: p.id, sku: p.sku, title: p.title, quantity: 2, unit_price_at_add: 2590, added_at: T1 },
    ]);
  });

  it('refuses an unknown product and an archived one, naming product_id', () => {
    expect(refusal(() => addItem(empty(), null, 10, 1, T1))).toEqual({
      status: 422,
      field: 'product_id',
      message: 'unknown product',
    });
    const archived = product({ status: 'ARCHIVED' });
    expect(refusal(() => addItem(empty(), archived, 10, 1, T1))).toMatchObject({
      field: 'product_id',
      message: 'not for sale',
    });
  });

  it('refuses more than is available, naming quantity and saying how many are', () => {
    const r = refusal(() => addItem(empty(), product(), 3, 4, T1));
    expect(r).toMatchObject({ status: 422, field: 'quantity' });
    expect(r.message).toContain('only 3 available');
  });

  it('clearing it writes nothing', () => {
    expect(clearCart(empty(), T1)).toBeNull();
  });
});

describe('a cart with lines', () => {
  it('adding a product already there sums into its line and keeps the price at first add', () => {
    const p = product({ price: 1000 });
    const cart = addItem(withLines([p, 2]), { ...p, price: 1500 }, 10, 3, T1);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ quantity: 5, unit_price_at_add: 1000, added_at: T0 });
    expect(cart.version).toBe(2);
  });

  it('checks the summed quantity against stock and the 1000-unit line cap', () => {
    const p = product();
    expect(refusal(() => addItem(withLines([p, 2]), p, 4, 3, T1)).message).toContain('only 4 available');
    expect(refusal(() => addItem(withLines([p, 999]), p, 5000, 2, T1))).toMatchObject({ field: 'quantity' });
  });

  it('refuses a product priced in another currency', () => {
    const r = refusal(() =>
      addItem(withLines([product({ currency: 'BRL' }), 1]), product({ currency: 'EUR' }), 9, 1, T1),
    );
    expect(r).toMatchObject({ status: 422, field: 'product_id' });
    expect(r.message).toContain('EUR');
  });

  it(`holds at most ${MAX_LINES} different products, but a full cart still takes more of one it has`, () => {
    const products = Array.from({ length: MAX_LINES }, () => product());
    const full = withLines(...products.map((p): [Product, number] => [p, 1]));
    expect(refusal(() => addItem(full, product(), 10, 1, T1))).toMatchObject({ status: 422, field: 'product_id' });
    expect(addItem(full, products[0]!, 10, 1, T1).lines[0]!.quantity).toBe(2);
  });

  it('a quantity change sets the line, re-checks stock and sale status, and writes nothing when unchanged', () => {
    const p = product();
    const cart = withLines([p, 2]);
    expect(changeQuantity(cart, p.id, p, 10, 7, T1)!.lines[0]!.quantity).toBe(7);
    expect(changeQuantity(cart, p.id, p, 10, 2, T1)).toBeNull();
    expect(refusal(() => changeQuantity(cart, p.id, p, 5, 6, T1)).message).toContain('only 5 available');
    expect(refusal(() => changeQuantity(cart, p.id, { ...p, status: 'ARCHIVED' }, 5, 1, T1)).field).toBe('product_id');
    expect(refusal(() => changeQuantity(cart, product().id, p, 5, 1, T1)).status).toBe(404);
  });

  it('refuses a change to a line whose product is now priced in another currency (remove and add it again)', () => {
    const p = product({ currency: 'BRL' });
    const r = refusal(() => changeQuantity(withLines([p, 1]), p.id, { ...p, currency: 'USD' }, 5, 2, T1));
    expect(r).toMatchObject({ status: 422, field: 'product_id' });
  });

  it('removing the last line and clearing both leave an empty cart with no currency', () => {
    const p = product();
    const removed = removeItem(withLines([p, 1]), p.id, T1);
    expect(removed).toMatchObject({ lines: [], currency: null, version: 2 });
    expect(clearCart(withLines([p, 1], [product(), 2]), T1)).toMatchObject({ lines: [], currency: null, version: 3 });
    expect(refusal(() => removeItem(removed, p.id, T1)).status).toBe(404);
  });
});

describe('a merge of guest lines', () => {
  const guestLine = (p: Product, quantity: number): CartLine => ({
    product_id: p.id,
    sku: p.sku,
    title: p.title,
    quantity,
    unit_price_at_add: p.price,
    added_at: T0,
  });
  const facts = (entries: [Product, number][]): Lookups => ({
    products: new Map(entries.map(([p]) => [p.id, p])),
    available: new Map(entries.map(([p, n]) => [p.id, n])),
  });

  it('sums quantities with the customer lines and adds the new ones', () => {
    const shared = product();
    const only = product();
    const target = withLines([shared, 2]);
    const out = mergeLines(
      target,
      [guestLine(shared, 3), guestLine(only, 1)],
      facts([
        [shared, 10],
        [only, 10],
      ]),
      T1,
    );
    expect(out.cart?.lines.map((l) => [l.product_id, l.quantity])).toEqual([
      [shared.id, 5],
      [only.id, 1],
    ]);
    expect(out).toMatchObject({ capped: [], dropped: [] });
    expect(out.cart?.version).toBe(target.version + 1);
  });

  it('caps at what is available, never lowers what the customer had, and reports each cap', () => {
    const scarce = product();
    const gone = product();
    const target = withLines([scarce, 4]);
    const out = mergeLines(
      target,
      [guestLine(scarce, 5), guestLine(gone, 2)],
      facts([
        [scarce, 6],
        [gone, 0],
      ]),
      T1,
    );
    expect(out.cart?.lines.map((l) => [l.product_id, l.quantity])).toEqual([[scarce.id, 6]]);
    expect(out.capped).toEqual([
      { product_id: scarce.id, requested: 9, quantity: 6, available: 6 },
      { product_id: gone.id, requested: 2, quantity: 0, available: 0 },
    ]);
  });

  it('caps at 1000 per line', () => {
    const p = product();
    const out = mergeLines(withLines([p, 900]), [guestLine(p, 200)], facts([[p, 5000]]), T1);
    expect(out.capped).toEqual([{ product_id: p.id, requested: 1100, quantity: 1000, available: 5000 }]);
  });

  it('drops unknown, archived and other-currency lines, and lines past the line limit', () => {
    const unknown = product();
    const archived = product({ status: 'ARCHIVED' });
    const euro = product({ currency: 'EUR' });
    const fullTarget = withLines(...Array.from({ length: MAX_LINES }, (): [Product, number] => [product(), 1]));
    const extra = product();
    const lookups = facts([
      [archived, 5],
      [euro, 5],
      [extra, 5],
    ]);
    const lines = [guestLine(unknown, 1), guestLine(archived, 1), guestLine(euro, 1), guestLine(extra, 1)];
    const out = mergeLines(fullTarget, lines, lookups, T1);
    expect(out.cart).toBeNull();
    expect(out.dropped.map((d) => [d.product_id, d.reason])).toEqual([
      [unknown.id, 'unknown product'],
      [archived.id, 'not for sale'],
      [euro.id, 'priced in EUR, not BRL'],
      [extra.id, `a cart holds at most ${MAX_LINES} different products`],
    ]);
  });

  it('into an empty cart, takes the currency of the first line it keeps', () => {
    const usd = product({ currency: 'USD' });
    const brl = product({ currency: 'BRL' });
    const out = mergeLines(
      empty(),
      [guestLine(usd, 1), guestLine(brl, 1)],
      facts([
        [usd, 5],
        [brl, 5],
      ]),
      T1,
    );
    expect(out.cart).toMatchObject({ currency: 'USD', version: 1 });
    expect(out.dropped).toEqual([{ product_id: brl.id, reason: 'priced in BRL, not USD' }]);
  });
});

describe('a checked-out cart when its order is created', () => {
  const checkedOut = () => withLines([product(), 2]);

  it('is emptied when still at the checked-out version and the customer ordered it', () => {
    const cart = checkedOut();
    expect(emptyAfterOrder(cart, cart.version, USER, T1)).toMatchObject({ lines: [], version: cart.version + 1 });
  });

  it('is left alone when changed since, or when the order is someone else', () => {
    const cart = checkedOut();
    expect(emptyAfterOrder(cart, cart.version - 1, USER, T1)).toBeNull();
    expect(emptyAfterOrder(cart, cart.version, 'someone-else', T1)).toBeNull();
    const guest = { ...cart, owner: { guest: true as const } };
    expect(emptyAfterOrder(guest, cart.version, USER, T1)).toBeNull();
  });
});
