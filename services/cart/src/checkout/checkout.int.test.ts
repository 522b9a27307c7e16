// Checkout snapshots (services only, idempotent per cart version) and the order.created consumer that empties a cart.
import { adminCaller, type Caller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CartHarness,
  customer,
  expectProblem,
  orderCreatedFor,
  ordersService,
  startCart,
} from '../testing/cart-harness.ts';
import { findCheckout } from './checkout.sql.ts';
import type { CheckoutAnswer } from './checkout.ts';

describe.each([
  ['real', false],
  ['embedded', true],
])('checkout and order.created (%s adapters)', (_name, embedded) => {
  let h: CartHarness;
  beforeAll(async () => {
    h = await startCart({ embedded });
  });
  afterAll(async () => h?.close());

  const checkoutUrl = (cartId: string) => `/api/carts/${cartId}/checkout`;
  const checkout = (cartId: string, customerId: string, as: Caller | null = ordersService) =>
    h.request('POST', checkoutUrl(cartId), { as, body: { customer_id: customerId } });

  async function cartWith(who: Caller, lines: [string, number][]) {
    let view = (await h.request('GET', '/api/cart', { as: who })).json();
    for (const [product_id, quantity] of lines) {
      const res = await h.request('POST', '/api/cart/items', { as: who, body: { product_id, quantity } });
      expect(res.statusCode, res.body).toBe(200);
      view = res.json();
    }
    return { cartId: view.cart_id!, version: view.version };
  }

  it('freezes the cart version in PostgreSQL and gives the same answer however often it is asked', async () => {
    const alice = customer();
    const [a, b] = [h.fakes.product({ currency: 'USD' }), h.fakes.product({ currency: 'USD' })];
    const { cartId, version } = await cartWith(alice, [
      [a, 2],
      [b, 1],
    ]);
    const first = await checkout(cartId, alice.subject);
    expect(first.statusCode, first.body).toBe(200);
    const snapshot = first.json<CheckoutAnswer>();
    expect(snapshot).toEqual({
      cart_id: cartId,
      version,
      customer_id: alice.subject,
      currency: 'USD',
      lines: [
        { product_id: a, quantity: 2 },
        { product_id: b, quantity: 1 },
      ],
    });
    const again = await Promise.all(Array.from({ length: 5 }, () => checkout(cartId, alice.subject)));
    for (const res of again) expect(res.json<CheckoutAnswer>()).toEqual(snapshot);
    expect(await findCheckout(h.infra.sql, cartId, version)).toMatchObject({
      customerId: alice.subject,
      orderId: null,
    });

    // A change makes a new version, which is a new snapshot; the old one stays as it was.
    await h.request('PATCH', `/api/cart/items/${a}`, { as: alice, body: { quantity: 5 } });
    const next = (await checkout(cartId, alice.subject)).json<CheckoutAnswer>();
    expect(next).toMatchObject({ version: version + 1, lines: [{ product_id: a, quantity: 5 }, { product_id: b }] });
    expect((await findCheckout(h.infra.sql, cartId, version))?.lines[0]?.quantity).toBe(2);
  });

  it('refuses another customer cart, an unknown cart and a guest cart (404), and an empty cart (422)', async () => {
    const alice = customer();
    const { cartId } = await cartWith(alice, [[h.fakes.product(), 1]]);
    expectProblem(await checkout(cartId, customer().subject), 404);
    expectProblem(await checkout(crypto.randomUUID(), alice.subject), 404);
    const guest = await h.request('POST', '/api/cart/items', { body: { product_id: h.fakes.product(), quantity: 1 } });
    expectProblem(await checkout(guest.json().cart_id!, alice.subject), 404);
    await h.request('DELETE', '/api/cart', { as: alice });
    expect(expectProblem(await checkout(cartId, alice.subject), 422).detail).toBe('cart is empty');
  });

  it('is for services only: 401 anonymous, 403 the customer or an admin', async () => {
    const alice = customer();
    const { cartId } = await cartWith(alice, [[h.fakes.product(), 1]]);
    expectProblem(await checkout(cartId, alice.subject, null), 401);
    expectProblem(await checkout(cartId, alice.subject, alice), 403);
    expectProblem(await checkout(cartId, alice.subject, adminCaller()), 403);
  });

  it('order.created for the checked-out version links the order and empties the cart, once', async () => {
    const alice = customer();
    const { cartId, version } = await cartWith(alice, [[h.fakes.product(), 3]]);
    await checkout(cartId, alice.subject);
    const message = await h.orderCreated(alice.subject, { cartId, version });
    const order = message.data as { orderId: string };
    expect(await findCheckout(h.infra.sql, cartId, version)).toMatchObject({ orderId: order.orderId });
    const view = (await h.request('GET', '/api/cart', { as: alice })).json();
    expect(view).toMatchObject({ cart_id: cartId, version: version + 1, lines: [], item_count: 0 });

    // A redelivery changes nothing, even after the customer fills the cart again.
    await h.request('POST', '/api/cart/items', { as: alice, body: { product_id: h.fakes.product(), quantity: 1 } });
    await h.deliver(message);
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({
      version: version + 2,
      item_count: 1,
    });
  });

  it('order.created for an older version leaves a cart the customer changed since', async () => {
    const alice = customer();
    const p = h.fakes.product();
    const { cartId, version } = await cartWith(alice, [[p, 1]]);
    await checkout(cartId, alice.subject);
    await h.request('POST', '/api/cart/items', { as: alice, body: { product_id: p, quantity: 1 } });
    const message = await h.orderCreated(alice.subject, { cartId, version });
    expect(await findCheckout(h.infra.sql, cartId, version)).toMatchObject({
      orderId: (message.data as { orderId: string }).orderId,
    });
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({
      version: version + 1,
      item_count: 2,
    });
  });

  it('order.created without a cart, for another customer or naming a foreign id is skipped without harm', async () => {
    const alice = customer();
    const { cartId, version } = await cartWith(alice, [[h.fakes.product(), 1]]);
    await checkout(cartId, alice.subject);
    const noCart = orderCreatedFor(alice.subject, { cartId, version });
    delete (noCart.data as { cart?: unknown }).cart;
    await h.deliver(noCart);
    await h.orderCreated(customer().subject, { cartId, version });
    await h.orderCreated(alice.subject, { cartId: 'not-a-cart-id', version: 1 });
    expect((await h.request('GET', '/api/cart', { as: alice })).json()).toMatchObject({ version, item_count: 1 });
    expect(await findCheckout(h.infra.sql, cartId, version)).toMatchObject({ orderId: null });
    const dead = await h.request('GET', '/admin/dead-letters', { as: adminCaller() });
    expect(dead.json<{ queue: string; depth: number }[]>()).toEqual([{ queue: 'cart.order-events', depth: 0 }]);
  });

  it('answers 400 naming the field for a malformed cart id or body', async () => {
    const alice = customer();
    expectProblem(await checkout('not-a-uuid', alice.subject), 400, 'cartId');
    const url = checkoutUrl(crypto.randomUUID());
    expectProblem(await h.request('POST', url, { as: ordersService, body: {} }), 400, 'customer_id');
    expectProblem(await h.request('POST', url, { as: ordersService, body: { customer_id: '' } }), 400, 'customer_id');
    const extra = { customer_id: alice.subject, total: 1 };
    expectProblem(await h.request('POST', url, { as: ordersService, body: extra }), 400, 'total');
  });
});
