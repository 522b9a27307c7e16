// A signed-in customer's cart over HTTP, checked against fake catalog and inventory, on real and embedded adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CartHarness, customer, expectProblem, startCart } from '../testing/cart-harness.ts';
import { cartKey, userIndexKey } from './cart.store.ts';

const DAY_MS = 86_400_000;

describe.each([
  ['real', false],
  ['embedded', true],
])('a customer cart (%s adapters)', (_name, embedded) => {
  let h: CartHarness;
  beforeAll(async () => {
    h = await startCart({ embedded });
  });
  afterAll(async () => h?.close());

  const add = (as: ReturnType<typeof customer>, product_id: string, quantity: number) =>
    h.request('POST', '/api/cart/items', { as, body: { product_id, quantity } });
  /** The requests `action` made to the fake catalog and inventory. */
  const upstreamCalls = async (action: () => Promise<unknown>) => {
    const before = { catalog: h.fakes.calls.catalog.length, inventory: h.fakes.calls.inventory.length };
    await action();
    return {
      catalog: h.fakes.calls.catalog.slice(before.catalog),
      inventory: h.fakes.calls.inventory.slice(before.inventory),
    };
  };
  const idsIn = (url: string) => (new URL(url, 'http://x').searchParams.get('ids') ?? '').split(',').sort();

  it('starts empty without creating anything', async () => {
    const alice = customer();
    const res = await h.request('GET', '/api/cart', { as: alice });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ cart_id: null, version: 0, lines: [], subtotal: 0, item_count: 0 });
    expect(await h.infra.kv.get(userIndexKey(alice.subject))).toBeNull();
  });

  it('adds, sums into an existing line, changes a quantity, removes a line and clears', async () => {
    const alice = customer();
    const shoe = h.fakes.product({ price: 45_990, title: 'Trail shoe' });
    const sock = h.fakes.product({ price: 1_990 });

    const first = await add(alice, shoe, 1);
    expect(first.statusCode, first.body).toBe(200);
    const view = first.json();
    expect(view).toMatchObject({ version: 1, currency: 'BRL', item_count: 1, subtotal: 45_990, degraded: false });
    expect(view.cart_token).toBeUndefined();
    expect(view.lines[0]).toMatchObject({ product_id: shoe, title: 'Trail shoe', quantity: 1, line_total: 45_990 });

    expect((await add(alice, shoe, 2)).json()).toMatchObject({ version: 2, item_count: 3 });
    const both = (await add(alice, sock, 4)).json();
    expect(both.lines.map((l) => [l.product_id, l.quantity])).toEqual([
      [shoe, 3],
      [sock, 4],
    ]);
    expect(both.subtotal).toBe(3 * 45_990 + 4 * 1_990);

    const changed = await h.request('PATCH', `/api/cart/items/${sock}`, { as: alice, body: { quantity: 1 } });
    expect(changed.json()).toMatchObject({ version: 4, item_count: 4 });
    const removed = await h.request('DELETE', `/api/cart/items/${shoe}`, { as: alice });
    expect(removed.json().lines.map((l) => l.product_id)).toEqual([sock]);
    const cleared = await h.request('DELETE', '/api/cart', { as: alice });
    expect(cleared.json()).toMatchObject({ cart_id: view.cart_id, version: 6, lines: [], currency: null, subtotal: 0 });
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ version: 6, lines: [] });
  });

  it('answers 404 for a line that is not in the cart', async () => {
    const alice = customer();
    const p = h.fakes.product();
    expectProblem(await h.request('PATCH', `/api/cart/items/${p}`, { as: alice, body: { quantity: 2 } }), 404);
    expectProblem(await h.request('DELETE', `/api/cart/items/${p}`, { as: alice }), 404);
  });

  it('refuses an unknown or archived product with 422 naming product_id, and leaves the cart as it was', async () => {
    const alice = customer();
    await add(alice, h.fakes.product(), 1);
    const unknown = expectProblem(await add(alice, crypto.randomUUID(), 1), 422, 'product_id');
    expect(unknown.errors?.[0]?.message).toBe('unknown product');
    const archived = h.fakes.product({ status: 'ARCHIVED' });
    expect(expectProblem(await add(alice, archived, 1), 422, 'product_id').errors?.[0]?.message).toBe('not for sale');
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ version: 1, item_count: 1 });
  });

  it('refuses a quantity above what is available, saying how many are', async () => {
    const alice = customer();
    const p = h.fakes.product({ available: 5 });
    await add(alice, p, 3);
    const problem = expectProblem(await add(alice, p, 3), 422, 'quantity');
    expect(problem.detail).toContain('only 5 available');
    const patch = await h.request('PATCH', `/api/cart/items/${p}`, { as: alice, body: { quantity: 6 } });
    expect(expectProblem(patch, 422, 'quantity').detail).toContain('only 5 available');
    const unstocked = h.fakes.product();
    h.fakes.setAvailable(unstocked, null);
    expect(expectProblem(await add(alice, unstocked, 1), 422, 'quantity').detail).toContain('only 0 available');
  });

  it('keeps one currency per cart', async () => {
    const alice = customer();
    await add(alice, h.fakes.product({ currency: 'BRL' }), 1);
    const problem = expectProblem(await add(alice, h.fakes.product({ currency: 'EUR' }), 1), 422, 'product_id');
    expect(problem.detail).toContain('EUR');
  });

  it('shows a price change with both prices, and a stock drop as insufficient_stock', async () => {
    const alice = customer();
    const p = h.fakes.product({ price: 1000, available: 10 });
    await add(alice, p, 4);
    h.fakes.update(p, { price: 1200 });
    h.fakes.setAvailable(p, 2);
    const view = (await h.request('GET', '/api/cart', { as: alice })).json();
    expect(view.lines[0]).toMatchObject({
      unit_price: 1200,
      unit_price_at_add: 1000,
      price_changed: true,
      available: 2,
      insufficient_stock: true,
      unavailable: false,
      line_total: 4800,
    });
    expect(view.subtotal).toBe(4800);
    h.fakes.update(p, { status: 'ARCHIVED' });
    const archived = (await h.request('GET', '/api/cart', { as: alice })).json();
    expect(archived.lines[0]?.unavailable).toBe(true);
    expect(archived.subtotal).toBe(0);
  });

  it('looks the view up in one catalog batch (archived included) and one inventory batch', async () => {
    const alice = customer();
    const ids = [h.fakes.product(), h.fakes.product(), h.fakes.product()];
    for (const id of ids) await add(alice, id, 1);
    const calls = await upstreamCalls(() => h.request('GET', '/api/cart', { as: alice }));
    expect(calls.catalog).toHaveLength(1);
    expect(calls.catalog[0]).toContain(`ids=${ids.join(',')}`);
    expect(calls.catalog[0]).toContain('include_archived=true');
    expect(calls.inventory).toEqual([`/api/inventory?ids=${ids.join(',')}`]);
  });

  it('an add to a 5-line cart asks catalog once and inventory once, for every line and the added product', async () => {
    const alice = customer();
    const lines = Array.from({ length: 5 }, () => h.fakes.product({ price: 1000, available: 10 }));
    for (const id of lines) await add(alice, id, 2);
    h.fakes.update(lines[0]!, { price: 1100 });
    h.fakes.setAvailable(lines[1]!, 1);
    const added = h.fakes.product({ price: 500 });
    let res: Awaited<ReturnType<typeof add>> | undefined;
    const calls = await upstreamCalls(async () => {
      res = await add(alice, added, 3);
    });
    expect(calls.catalog).toHaveLength(1);
    expect(calls.inventory).toHaveLength(1);
    for (const call of [calls.catalog[0]!, calls.inventory[0]!]) expect(idsIn(call)).toEqual([...lines, added].sort());
    // The answer's view comes from the same facts: today's price and stock of the other lines too.
    const view = res!.json();
    expect(view).toMatchObject({
      version: 6,
      item_count: 13,
      degraded: false,
      subtotal: 2 * 1100 + 4 * 2 * 1000 + 1500,
    });
    expect(view.lines[0]).toMatchObject({ unit_price: 1100, price_changed: true });
    expect(view.lines[1]).toMatchObject({ available: 1, insufficient_stock: true });
    expect(view.lines[5]).toMatchObject({ product_id: added, quantity: 3, unit_price: 500, price_changed: false });

    const change = await upstreamCalls(() =>
      h.request('PATCH', `/api/cart/items/${added}`, { as: alice, body: { quantity: 4 } }),
    );
    expect([change.catalog.length, change.inventory.length]).toEqual([1, 1]);
    const archived = h.fakes.product({ status: 'ARCHIVED' });
    const refused = await upstreamCalls(async () => {
      expectProblem(await add(alice, archived, 1), 422, 'product_id');
    });
    expect([refused.catalog.length, refused.inventory.length]).toEqual([1, 1]);
  });

  it('sets the TTLs: 30 days on a customer cart and its index, refreshed on every write', async () => {
    const alice = customer();
    const cartId = (await add(alice, h.fakes.product(), 1)).json().cart_id!;
    for (const key of [cartKey(cartId), userIndexKey(alice.subject)]) {
      const ttl = await h.infra.kv.ttl(key);
      expect(ttl).toBeGreaterThan(30 * DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(30 * DAY_MS);
    }
    await h.infra.kv.expire(cartKey(cartId), 60_000);
    await add(alice, h.fakes.product(), 1);
    expect(await h.infra.kv.ttl(cartKey(cartId))).toBeGreaterThan(30 * DAY_MS - 60_000);
    const view = (await h.request('GET', '/api/cart', { as: alice })).json();
    expect(Date.parse(view.expires_at!) - Date.now()).toBeGreaterThan(30 * DAY_MS - 60_000);
  });

  it('a dependency down answers 503 and leaves the cart unchanged; reading degrades instead', async () => {
    const alice = customer();
    const p = h.fakes.product();
    await add(alice, p, 1);
    for (const service of ['catalog', 'inventory'] as const) {
      h.fakes.setDown(service, true);
      try {
        expectProblem(await add(alice, p, 1), 503);
        expectProblem(await h.request('PATCH', `/api/cart/items/${p}`, { as: alice, body: { quantity: 3 } }), 503);
        const view = (await h.request('GET', '/api/cart', { as: alice })).json();
        expect(view).toMatchObject({ version: 1, item_count: 1, degraded: true });
      } finally {
        h.fakes.setDown(service, false);
      }
    }
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ version: 1, degraded: false });
  });

  it('20 concurrent adds to one cart are all counted', async () => {
    const alice = customer();
    const products = Array.from({ length: 5 }, () => h.fakes.product({ available: 1000 }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => add(alice, products[i % 5]!, i + 1)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const view = (await h.request('GET', '/api/cart', { as: alice })).json();
    expect(view.version).toBe(20);
    expect(view.item_count).toBe((20 * 21) / 2);
    for (const [index, id] of products.entries()) {
      const expected = [0, 1, 2, 3].reduce((sum, k) => sum + index + 1 + 5 * k, 0);
      expect(view.lines.find((l) => l.product_id === id)?.quantity).toBe(expected);
    }
  });
});
