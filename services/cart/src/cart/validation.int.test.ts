// Bad input on every cart route answers 400 problem+json naming the field, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CartHarness, customer, expectProblem, startCart } from '../testing/cart-harness.ts';

const UUID = '0190f1a2-0000-7000-8000-0000000000aa';
const TOKEN = Buffer.alloc(32, 1).toString('base64url');

describe('cart input validation', () => {
  let h: CartHarness;
  const alice = customer();
  beforeAll(async () => {
    h = await startCart();
  });
  afterAll(async () => h?.close());

  const cases: [string, string, string, unknown, string][] = [
    ['add: no body fields', 'POST', '/api/cart/items', {}, 'product_id'],
    ['add: product id not a uuid', 'POST', '/api/cart/items', { product_id: 'abc', quantity: 1 }, 'product_id'],
    [
      'add: urn-prefixed uuid',
      'POST',
      '/api/cart/items',
      { product_id: `urn:uuid:${UUID}`, quantity: 1 },
      'product_id',
    ],
    ['add: product id a number', 'POST', '/api/cart/items', { product_id: 7, quantity: 1 }, 'product_id'],
    ['add: no quantity', 'POST', '/api/cart/items', { product_id: UUID }, 'quantity'],
    ['add: quantity 0', 'POST', '/api/cart/items', { product_id: UUID, quantity: 0 }, 'quantity'],
    ['add: quantity negative', 'POST', '/api/cart/items', { product_id: UUID, quantity: -2 }, 'quantity'],
    ['add: quantity 1001', 'POST', '/api/cart/items', { product_id: UUID, quantity: 1001 }, 'quantity'],
    ['add: quantity fractional', 'POST', '/api/cart/items', { product_id: UUID, quantity: 1.5 }, 'quantity'],
    ['add: quantity a string', 'POST', '/api/cart/items', { product_id: UUID, quantity: '2' }, 'quantity'],
    ['add: unknown field', 'POST', '/api/cart/items', { product_id: UUID, quantity: 1, price: 1 }, 'price'],
    ['add: body an array', 'POST', '/api/cart/items', [{ product_id: UUID, quantity: 1 }], 'body'],
    ['change: quantity 0 (use DELETE)', 'PATCH', `/api/cart/items/${UUID}`, { quantity: 0 }, 'quantity'],
    ['change: no quantity', 'PATCH', `/api/cart/items/${UUID}`, {}, 'quantity'],
    ['change: unknown field', 'PATCH', `/api/cart/items/${UUID}`, { quantity: 1, note: 'x' }, 'note'],
    ['change: product id not a uuid', 'PATCH', '/api/cart/items/abc', { quantity: 1 }, 'productId'],
    ['remove: product id not a uuid', 'DELETE', '/api/cart/items/abc', undefined, 'productId'],
    ['merge: no token', 'POST', '/api/cart/merge', {}, 'cart_token'],
    ['merge: token too short', 'POST', '/api/cart/merge', { cart_token: 'abc' }, 'cart_token'],
    ['merge: token with bad characters', 'POST', '/api/cart/merge', { cart_token: `${TOKEN.slice(1)}=` }, 'cart_token'],
    ['merge: unknown field', 'POST', '/api/cart/merge', { cart_token: TOKEN, cart_id: UUID }, 'cart_id'],
  ];

  it.each(cases)('%s → 400 naming the field', async (_name, method, url, body, field) => {
    expectProblem(await h.request(method, url, { as: alice, body }), 400, field);
  });

  it('a malformed x-cart-token header → 400 naming it, for guests and customers alike', async () => {
    for (const as of [null, alice]) {
      const res = await h.request('POST', '/api/cart/items', {
        as,
        token: 'short',
        body: { product_id: UUID, quantity: 1 },
      });
      expectProblem(res, 400, 'x-cart-token');
    }
  });

  it('malformed JSON → 400, a body that is not JSON → 415, an oversized body → 413', async () => {
    const url = '/api/cart/items';
    const raw = (payload: string, contentType: string) =>
      h.handle.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
    expect((await raw('{"product_id":', 'application/json')).statusCode).toBe(400);
    expect((await raw('product_id=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await raw(JSON.stringify({ product_id: 'x'.repeat(20_000) }), 'application/json')).statusCode).toBe(413);
  });

  it('none of it reached the cart or the upstreams', async () => {
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ cart_id: null });
    expect(h.fakes.calls.catalog).toEqual([]);
    expect(h.fakes.calls.inventory).toEqual([]);
  });
});
