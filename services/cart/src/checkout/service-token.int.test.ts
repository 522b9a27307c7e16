// Checkout as orders really calls it: straight to the service with its client-credentials (SERVICE) access token.
import { mintAccessToken, newSigningKey, type SigningKey, serveJwks } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CartHarness, customer, startCart } from '../testing/cart-harness.ts';

describe('checkout with a bearer token', () => {
  let h: CartHarness;
  let key: SigningKey;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  beforeAll(async () => {
    key = await newSigningKey('k1');
    jwks = await serveJwks([key]);
    h = await startCart({ env: { AUTH_JWKS_URL: jwks.url } });
  });
  afterAll(async () => {
    await h?.close();
    await jwks?.close();
  });

  const post = (cartId: string, customerId: string, token: string) =>
    h.handle.app.inject({
      method: 'POST',
      url: `/api/carts/${cartId}/checkout`,
      headers: { authorization: `Bearer ${token}` },
      payload: { customer_id: customerId },
    });

  it('accepts a SERVICE token and refuses a customer token sent around the gateway', async () => {
    const alice = customer();
    const res = await h.request('POST', '/api/cart/items', {
      as: alice,
      body: { product_id: h.fakes.product(), quantity: 2 },
    });
    const cartId = res.json().cart_id!;
    const service = await mintAccessToken(key, { claims: { sub: 'orders', roles: ['SERVICE'] } });
    const ok = await post(cartId, alice.subject, service);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ cart_id: cartId, version: 1, customer_id: alice.subject });

    const user = await mintAccessToken(key, { claims: { sub: alice.subject, roles: ['USER'] } });
    expect((await post(cartId, alice.subject, user)).statusCode).toBe(401);
    expect((await post(cartId, alice.subject, 'not-a-jwt')).statusCode).toBe(401);
  });
});
