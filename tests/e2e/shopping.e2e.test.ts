// The whole shopping journey through the gateway on real PostgreSQL, RabbitMQ and Redis: a guest fills a cart,
// registers and merges it, searches, checks out from the cart; the order confirms, the cart empties, stock and
// in_stock follow, and one cart never becomes two orders.
import { randomBytes } from 'node:crypto';
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayClient, gatewayClient, type Session } from './support/gateway-client.ts';
import { E2E_ADMIN, type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';

let platform: PlatformUnderTest;
let gw: GatewayClient;
let admin: string;
const tag = randomBytes(3).toString('hex');
const products: Record<'lamp' | 'chair' | 'rug', string> = { lamp: '', chair: '', rug: '' };

async function createProduct(sku: string, title: string, description: string, price: number, stock: number) {
  const created = await gw.api('/api/products', {
    token: admin,
    body: {
      sku,
      title,
      description,
      price,
      currency: 'BRL',
      category: 'home',
      brand: 'techcorp-home',
      attributes: { color: ['green'] },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const restock = await gw.api('/api/inventory/restock', {
    token: admin,
    body: { product_id: created.body.id, warehouse_id: 'main', quantity: stock },
  });
  expect(restock.status, JSON.stringify(restock.body)).toBeLessThan(300);
  return created.body.id as string;
}

beforeAll(async () => {
  platform = await startPlatformUnderTest();
  gw = gatewayClient(platform.urls.gateway as string);
  admin = (await gw.login(E2E_ADMIN.email, E2E_ADMIN.password)).body.access_token;
  for (const [path, body] of [
    ['/api/categories/home', { name: 'Home' }],
    ['/api/brands/techcorp-home', { name: 'TechCorp Home' }],
    ['/api/inventory/warehouses/main', { name: 'Main' }],
  ] as const) {
    const res = await gw.api(path, { method: 'PUT', token: admin, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  }
  products.lamp = await createProduct(`LAMP-${tag}`.toUpperCase(), `Aurora ${tag} desk lamp`, 'warm light', 12_900, 5);
  products.chair = await createProduct(`CHAIR-${tag}`.toUpperCase(), `Oslo ${tag} chair`, 'oak', 45_000, 3);
  products.rug = await createProduct(
    `RUG-${tag}`.toUpperCase(),
    `Kilim ${tag} rug`,
    'wool, goes with a lamp',
    30_000,
    2,
  );
});
afterAll(async () => {
  await platform?.close();
});

const searchFor = (query: string) => gw.api(`/api/search?${query}`);
const cartOf = (token: string) => gw.api('/api/cart', { token });

describe('shopping through the gateway', () => {
  let shopper: Session;

  it('search finds the new products once indexed, title matches first', async () => {
    await waitFor(async () => (await searchFor(`q=${tag}`)).body?.total === 3, { description: 'products indexed' });
    const lamp = await searchFor(`q=lamp%20${tag}`);
    expect(lamp.body.items[0].id).toBe(products.lamp);
    const typo = await searchFor(`q=aurorra%20${tag}`);
    expect(typo.body.items.map((i: { id: string }) => i.id)).toContain(products.lamp);
    const suggest = await gw.api(`/api/search/suggest?q=auro`);
    expect(suggest.status).toBe(200);
  });

  it('a guest fills a cart, registers, and the cart merges into the account', async () => {
    const added = await gw.api('/api/cart/items', { body: { product_id: products.lamp, quantity: 2 } });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    const cartToken = added.headers.get('x-cart-token') ?? added.body.cart_token;
    expect(cartToken).toBeTruthy();
    const refused = await gw.api('/api/cart/items', { body: { product_id: products.chair, quantity: 4 } });
    expect(refused.status).toBe(422);

    shopper = await gw.register('shopper');
    const merged = await gw.api('/api/cart/merge', { token: shopper.access_token, body: { cart_token: cartToken } });
    expect(merged.status, JSON.stringify(merged.body)).toBeLessThan(300);
    const cart = await cartOf(shopper.access_token);
    expect(cart.body.lines.map((l: { product_id: string; quantity: number }) => [l.product_id, l.quantity])).toEqual([
      [products.lamp, 2],
    ]);
  });

  it('checks out from the cart: CONFIRMED, the cart empties, stock and in_stock follow', async () => {
    const token = shopper.access_token;
    expect((await gw.api('/api/cart/items', { token, body: { product_id: products.rug, quantity: 2 } })).status).toBe(
      200,
    );
    const cart = await cartOf(token);
    expect(cart.body.subtotal).toBe(2 * 12_900 + 2 * 30_000);
    let address = '';
    await waitFor(
      async () => {
        const res = await gw.api('/api/users/me/addresses', {
          token,
          body: { recipient: 'Shopper', line1: 'Rua C 3', city: 'Recife', postal_code: '50000-000', country: 'BR' },
        });
        address = res.status === 201 ? res.body.id : '';
        return address !== '';
      },
      { description: 'profile ready for an address' },
    );
    const placed = await gw.api('/api/orders', {
      token,
      headers: { prefer: 'wait=20' },
      body: {
        cart_id: cart.body.cart_id,
        shipping_address_id: address,
        payment: { method: 'credit_card', card_token: 'tok_visa' },
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body.status).toBe('CONFIRMED');
    expect(placed.body.total).toBe(2 * 12_900 + 2 * 30_000);

    await waitFor(async () => (await cartOf(token)).body.lines.length === 0, { description: 'cart emptied' });
    const rugStock = await gw.api(`/api/inventory/${products.rug}`, { token: admin });
    expect(rugStock.body).toMatchObject({ on_hand: 0, available: 0 });
    await waitFor(async () => (await gw.api(`/api/products/${products.rug}`)).body.in_stock === false, {
      description: 'catalog in_stock follows inventory',
    });
    await waitFor(async () => (await searchFor(`q=kilim%20${tag}&in_stock=true`)).body.total === 0, {
      description: 'search shows the rug out of stock',
    });
    const outOfStock = await searchFor(`q=kilim%20${tag}`);
    expect(outOfStock.body.items[0]).toMatchObject({ id: products.rug, in_stock: false });
  });

  it('the same cart checked out twice at once becomes one order', async () => {
    const token = shopper.access_token;
    await gw.api('/api/cart/items', { token, body: { product_id: products.chair, quantity: 1 } });
    const cart = await cartOf(token);
    const body = {
      cart_id: cart.body.cart_id,
      shipping_address: { name: 'Shopper', line1: 'Rua C 3', city: 'Recife', postal_code: '50000-000', country: 'BR' },
      payment: { method: 'credit_card', card_token: 'tok_visa' },
    };
    const [a, b] = await Promise.all([gw.api('/api/orders', { token, body }), gw.api('/api/orders', { token, body })]);
    expect(
      [a.status, b.status].every((s) => s === 202),
      JSON.stringify([a.body, b.body]),
    ).toBe(true);
    expect(a.body.order_id).toBe(b.body.order_id);
    await waitFor(async () => (await cartOf(token)).body.lines.length === 0, { description: 'cart emptied' });
    const again = await gw.api('/api/orders', { token, body });
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('cart_id');
  });
});
