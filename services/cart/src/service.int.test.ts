// The service as deployed: TTL settings from the environment, readiness over kv and database, business metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartKey, guestIndexKey, hashCartToken, userIndexKey } from './cart/cart.store.ts';
import { type CartHarness, customer, startCart } from './testing/cart-harness.ts';

describe('cart service settings and probes', () => {
  let h: CartHarness;
  beforeAll(async () => {
    h = await startCart({ env: { CART_USER_TTL_SECONDS: '3600', CART_GUEST_TTL_SECONDS: '600' } });
  });
  afterAll(async () => h?.close());

  it('applies CART_USER_TTL_SECONDS and CART_GUEST_TTL_SECONDS to carts and their indexes', async () => {
    const alice = customer();
    const mine = await h.request('POST', '/api/cart/items', {
      as: alice,
      body: { product_id: h.fakes.product(), quantity: 1 },
    });
    const guest = await h.request('POST', '/api/cart/items', { body: { product_id: h.fakes.product(), quantity: 1 } });
    const { cart_id, cart_token } = guest.json();
    const ttls = await Promise.all(
      [
        cartKey(mine.json().cart_id!),
        userIndexKey(alice.subject),
        cartKey(cart_id!),
        guestIndexKey(hashCartToken(cart_token!)),
      ].map((key) => h.infra.kv.ttl(key)),
    );
    for (const ttl of ttls.slice(0, 2)) expect(ttl).toBeGreaterThan(3_540_000);
    for (const ttl of ttls.slice(0, 2)) expect(ttl).toBeLessThanOrEqual(3_600_000);
    for (const ttl of ttls.slice(2)) expect(ttl).toBeGreaterThan(540_000);
    for (const ttl of ttls.slice(2)) expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('a cart that expired before its index gets a new id, so no checkout of the old one is ever reused', async () => {
    const alice = customer();
    const add = () =>
      h.request('POST', '/api/cart/items', { as: alice, body: { product_id: h.fakes.product(), quantity: 1 } });
    const old = (await add()).json().cart_id!;
    await h.infra.kv.del(cartKey(old));
    const fresh = (await add()).json();
    expect(fresh.cart_id).not.toBe(old);
    expect(fresh).toMatchObject({ version: 1, item_count: 1 });
    expect(await h.infra.kv.get(userIndexKey(alice.subject))).toBe(fresh.cart_id);
  });

  it('is ready while Redis and PostgreSQL answer, and counts changes on /metrics', async () => {
    expect((await h.handle.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const metrics = (await h.handle.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/cart_changes_total\{[^}]*operation="add"[^}]*\} [1-9]/);
  });

  it('refuses to start without a gateway secret, naming it', async () => {
    const { cartService } = await import('./service.ts');
    const { infra } = h;
    const deps = { logger: infra.logger, sql: infra.sql, bus: infra.bus, kv: infra.kv, urls: {}, env: {} };
    await expect(cartService.create(deps)).rejects.toThrow('GATEWAY_IDENTITY_SECRET');
  });
});
