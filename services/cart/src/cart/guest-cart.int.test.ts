// Guest carts (found by their token alone), the merge into the customer's cart at login, and cart isolation.
import { gatewayHeaders } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CartHarness, customer, expectProblem, ordersService, startCart } from '../testing/cart-harness.ts';
import { cartKey, guestIndexKey, hashCartToken } from './cart.store.ts';

const DAY_MS = 86_400_000;

describe.each([
  ['real', false],
  ['embedded', true],
])('guest carts and isolation (%s adapters)', (_name, embedded) => {
  let h: CartHarness;
  beforeAll(async () => {
    h = await startCart({ embedded });
  });
  afterAll(async () => h?.close());

  async function guestCart(lines: [string, number][]) {
    const [first, ...rest] = lines;
    const created = await h.request('POST', '/api/cart/items', {
      body: { product_id: first![0], quantity: first![1] },
    });
    expect(created.statusCode, created.body).toBe(200);
    const token = created.json().cart_token!;
    for (const [product_id, quantity] of rest) {
      const res = await h.request('POST', '/api/cart/items', { token, body: { product_id, quantity } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().cart_token).toBeUndefined();
    }
    return { token, cartId: created.json().cart_id! };
  }

  it('a guest first write creates a cart and hands out its token once, in body and header; only its hash is stored', async () => {
    const p = h.fakes.product();
    const res = await h.request('POST', '/api/cart/items', { body: { product_id: p, quantity: 2 } });
    expect(res.statusCode, res.body).toBe(200);
    const { cart_token, cart_id } = res.json();
    expect(cart_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['x-cart-token']).toBe(cart_token);
    expect(await h.infra.kv.get(guestIndexKey(hashCartToken(cart_token!)))).toBe(cart_id);
    const stored = await h.infra.kv.get(cartKey(cart_id!));
    expect(stored).not.toContain(cart_token);
    expect(JSON.parse(stored!).owner).toEqual({ guest: true });
  });

  it('reads the guest cart back only with its token', async () => {
    const p = h.fakes.product();
    const { token, cartId } = await guestCart([[p, 2]]);
    const withToken = await h.request('GET', '/api/cart', { token });
    expect(withToken.json()).toMatchObject({ cart_id: cartId, item_count: 2 });
    expect(withToken.json().cart_token).toBeUndefined();
    expect((await h.request('GET', '/api/cart')).json()).toMatchObject({ cart_id: null, lines: [] });
    const otherToken = Buffer.alloc(32, 7).toString('base64url');
    expect((await h.request('GET', '/api/cart', { token: otherToken })).json()).toMatchObject({ cart_id: null });
    expectProblem(await h.request('GET', '/api/cart', { token: 'not-a-token' }), 400, 'x-cart-token');
  });

  it('a guest cart lives 7 days', async () => {
    const { token, cartId } = await guestCart([[h.fakes.product(), 1]]);
    for (const key of [cartKey(cartId), guestIndexKey(hashCartToken(token))]) {
      const ttl = await h.infra.kv.ttl(key);
      expect(ttl).toBeGreaterThan(7 * DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(7 * DAY_MS);
    }
  });

  it('a write with an unknown (expired) token starts a new cart with a new token', async () => {
    const stale = Buffer.alloc(32, 9).toString('base64url');
    const res = await h.request('POST', '/api/cart/items', {
      token: stale,
      body: { product_id: h.fakes.product(), quantity: 1 },
    });
    expect(res.json().cart_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json().cart_token).not.toBe(stale);
  });

  it('merges the guest cart into the customer cart at login, capping at stock, and deletes the guest cart', async () => {
    const both = h.fakes.product({ available: 5 });
    const guestOnly = h.fakes.product({ available: 10 });
    const archived = h.fakes.product();
    const { token, cartId } = await guestCart([
      [both, 3],
      [guestOnly, 2],
      [archived, 1],
    ]);
    h.fakes.update(archived, { status: 'ARCHIVED' });
    const alice = customer();
    await h.request('POST', '/api/cart/items', { as: alice, body: { product_id: both, quantity: 4 } });

    const merged = await h.request('POST', '/api/cart/merge', { as: alice, body: { cart_token: token } });
    expect(merged.statusCode, merged.body).toBe(200);
    const view = merged.json();
    expect(view.lines.map((l) => [l.product_id, l.quantity])).toEqual([
      [both, 5],
      [guestOnly, 2],
    ]);
    expect(view.capped).toEqual([{ product_id: both, requested: 7, quantity: 5, available: 5 }]);
    expect(view.dropped).toEqual([{ product_id: archived, reason: 'not for sale' }]);

    expect(await h.infra.kv.get(cartKey(cartId))).toBeNull();
    expect(await h.infra.kv.get(guestIndexKey(hashCartToken(token)))).toBeNull();
    expect((await h.request('GET', '/api/cart', { token })).json()).toMatchObject({ cart_id: null });
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ item_count: 7 });
    // Merging again (a retried request) finds nothing: the lines cannot be added twice.
    expectProblem(await h.request('POST', '/api/cart/merge', { as: alice, body: { cart_token: token } }), 404);
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ item_count: 7 });
  });

  it('a customer with no cart yet gets the guest lines as their cart', async () => {
    const p = h.fakes.product();
    const { token } = await guestCart([[p, 2]]);
    const bob = customer();
    const view = (await h.request('POST', '/api/cart/merge', { as: bob, body: { cart_token: token } })).json();
    expect(view).toMatchObject({ version: 1, item_count: 2, capped: [], dropped: [] });
  });

  it('merge needs a signed-in customer (401 for a guest, 403 for a service) and leaves the guest cart alone', async () => {
    const { token, cartId } = await guestCart([[h.fakes.product(), 1]]);
    expectProblem(await h.request('POST', '/api/cart/merge', { body: { cart_token: token } }), 401);
    expectProblem(await h.request('POST', '/api/cart/merge', { as: ordersService, body: { cart_token: token } }), 403);
    expect(await h.infra.kv.get(cartKey(cartId))).not.toBeNull();
  });

  it('a merge with a dependency down answers 503 and moves nothing', async () => {
    const { token, cartId } = await guestCart([[h.fakes.product(), 1]]);
    const alice = customer();
    h.fakes.setDown('inventory', true);
    try {
      expectProblem(await h.request('POST', '/api/cart/merge', { as: alice, body: { cart_token: token } }), 503);
    } finally {
      h.fakes.setDown('inventory', false);
    }
    expect(await h.infra.kv.get(cartKey(cartId))).not.toBeNull();
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ cart_id: null });
  });

  it('a customer never sees or changes another customer cart', async () => {
    const alice = customer();
    const bob = customer();
    const p = h.fakes.product();
    const aliceCart = (
      await h.request('POST', '/api/cart/items', { as: alice, body: { product_id: p, quantity: 1 } })
    ).json();
    expect((await h.request('GET', '/api/cart', { as: bob })).json()).toMatchObject({ cart_id: null, lines: [] });
    expectProblem(await h.request('PATCH', `/api/cart/items/${p}`, { as: bob, body: { quantity: 5 } }), 404);
    expectProblem(await h.request('DELETE', `/api/cart/items/${p}`, { as: bob }), 404);
    await h.request('DELETE', '/api/cart', { as: bob });
    // No customer route takes a cart id.
    expectProblem(await h.request('GET', `/api/cart/${aliceCart.cart_id}`, { as: bob }), 404);
    expectProblem(await h.request('GET', `/api/carts/${aliceCart.cart_id}`, { as: bob }), 404);
    // A signed-in customer's cart comes from the identity: a guest token alongside is not a way into another cart.
    const { token } = await guestCart([[h.fakes.product(), 1]]);
    expect((await h.request('GET', '/api/cart', { as: bob, token })).json()).toMatchObject({ cart_id: null });
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({
      cart_id: aliceCart.cart_id,
      version: 1,
      item_count: 1,
    });
  });

  it('a service caller has no cart (403) and a forged gateway context is refused (401)', async () => {
    expectProblem(await h.request('GET', '/api/cart', { as: ordersService }), 403);
    const forged = gatewayHeaders('someone-else-s-secret-0123456789abcdef', customer(), 'GET', '/api/cart');
    const res = await h.handle.app.inject({ method: 'GET', url: '/api/cart', headers: forged });
    expect(res.statusCode).toBe(401);
  });
});
