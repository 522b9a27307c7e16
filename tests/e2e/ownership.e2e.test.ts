// Through the gateway: customer B gets 404/403 on every resource of customer A and changes nothing of A's; a
// customer token is refused on every admin route; mass-assigning status, roles, prices or customer_id has no effect.
import { randomUUID } from 'node:crypto';
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayClient, gatewayClient, type Session } from './support/gateway-client.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody } from './support/shop.ts';

let platform: PlatformUnderTest;
let gw: GatewayClient;
let alice: Session;
let bob: Session;
let product: string;
const owned: { orderId?: string; addressId?: string; sessionId?: string } = {};

beforeAll(async () => {
  platform = await startPlatformUnderTest();
  gw = gatewayClient(platform.urls.gateway as string);
  [alice, bob] = [await gw.register('alice'), await gw.register('bob')];
  product = await createStockedProduct(platform, 2000, { main: 5 });
  const placed = await gw.api('/api/orders', {
    token: alice.access_token,
    body: orderBody(product, 1),
    headers: { prefer: 'wait=20' },
  });
  expect(placed.body.status, JSON.stringify(placed.body)).toBe('CONFIRMED');
  owned.orderId = placed.body.order_id;
  await waitFor(async () => (await gw.api('/api/users/me', { token: alice.access_token })).status === 200, {
    description: "alice's profile",
  });
  const address = await gw.api('/api/users/me/addresses', {
    token: alice.access_token,
    body: { recipient: 'Alice', line1: 'Rua B 2', city: 'Natal', postal_code: '59000-000', country: 'BR' },
  });
  owned.addressId = address.body.id;
  const sessions = await gw.api('/api/auth/sessions', { token: alice.access_token });
  owned.sessionId = sessions.body.items[0].id;
});
afterAll(async () => {
  await platform?.close();
});

describe("customer B and customer A's resources", () => {
  it('B gets 404 (or 403 for a list filter) on each of them', async () => {
    const { orderId, addressId, sessionId } = owned;
    const asBob = (path: string, method = 'GET', body?: unknown) =>
      gw.api(path, { method, token: bob.access_token, body });
    const refusals: [string, Promise<{ status: number }>, number][] = [
      ['read order', asBob(`/api/orders/${orderId}`), 404],
      ['cancel order', asBob(`/api/orders/${orderId}`, 'DELETE'), 404],
      ['read payments', asBob(`/api/payments/${orderId}`), 404],
      ["list A's orders", asBob(`/api/orders/customer/${alice.user.id}`), 404],
      ['filter the list by A', asBob(`/api/orders?customer_id=${alice.user.id}`), 403],
      ['read address', asBob(`/api/users/me/addresses/${addressId}`), 404],
      ['change address', asBob(`/api/users/me/addresses/${addressId}`, 'PATCH', { city: 'Bobville' }), 404],
      ['delete address', asBob(`/api/users/me/addresses/${addressId}`, 'DELETE'), 404],
      ['end session', asBob(`/api/auth/sessions/${sessionId}`, 'DELETE'), 404],
    ];
    for (const [what, response, status] of refusals) expect((await response).status, what).toBe(status);

    const bobsList = await asBob('/api/orders');
    expect(bobsList.status).toBe(200);
    expect(JSON.stringify(bobsList.body)).not.toContain(orderId);
    const bobsAddresses = await asBob('/api/users/me/addresses');
    expect(JSON.stringify(bobsAddresses.body)).not.toContain(addressId);
  });

  it("A's resources are untouched and still A's", async () => {
    const asAlice = (path: string) => gw.api(path, { token: alice.access_token });
    expect((await asAlice(`/api/orders/${owned.orderId}`)).body.status).toBe('CONFIRMED');
    expect((await asAlice(`/api/payments/${owned.orderId}`)).status).toBe(200);
    expect((await asAlice(`/api/users/me/addresses/${owned.addressId}`)).body.city).toBe('Natal');
    expect((await asAlice('/api/auth/me')).status).toBe(200);
  });
});

describe('admin routes', () => {
  const id = randomUUID();
  const ADMIN_ONLY: [string, string, unknown?][] = [
    ['PUT', `/api/orders/${id}/status`, { status: 'SHIPPED' }],
    ['GET', `/api/orders/${id}/events`],
    ['GET', `/api/orders/${id}/as-of?at=2026-01-01T00:00:00Z`],
    ['GET', '/api/orders/replay'],
    ['GET', '/api/orders/analytics'],
    ['POST', '/api/orders/read-model/rebuild', {}],
    ['POST', '/api/inventory/restock', { product_id: id, quantity: 1 }],
    ['PUT', '/api/inventory/warehouses/main', { name: 'Main' }],
    ['GET', `/api/inventory/${id}/movements`],
    ['POST', '/api/inventory/reserve', { order_id: id, items: [] }],
    ['POST', '/api/products', { sku: 'X-1', title: 'x', price: 1, currency: 'BRL' }],
    ['PUT', `/api/products/${id}`, { price: 1 }],
    ['POST', '/api/payments/process', {}],
    ['POST', '/api/payments/refund', { order_id: id }],
    ['GET', `/api/users/${id}`],
    ['GET', '/api/users?email=a@example.com'],
    ['PUT', `/api/auth/users/${id}/roles`, { roles: ['USER', 'ADMIN'] }],
    ['GET', '/api/auth/keys'],
    ['POST', '/api/auth/keys/rotate'],
    ['GET', '/api/gateway/upstreams'],
    ['GET', '/api/admin/orders/dead-letters'],
    ['GET', '/api/admin/inventory/dead-letters'],
    ['GET', '/api/admin/payments/dead-letters'],
    ['GET', '/api/admin/order-query/dead-letters'],
  ];

  it.each(ADMIN_ONLY)('%s %s refuses a customer with 403', async (method, path, body) => {
    const res = await gw.api(path, { method, token: alice.access_token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('mass assignment', () => {
  it('role at registration, roles/email/user_id on the profile: 400 naming the field, nothing granted', async () => {
    const withRole = await gw.api('/api/auth/register', {
      body: {
        email: `mallory-${randomUUID()}@example.com`,
        password: 'a-long-enough-password',
        name: 'M',
        roles: ['ADMIN'],
      },
    });
    expect(withRole.status).toBe(400);
    expect(JSON.stringify(withRole.body)).toContain('roles');
    for (const field of ['roles', 'email', 'user_id', 'created_at']) {
      const res = await gw.api('/api/users/me', { method: 'PATCH', token: alice.access_token, body: { [field]: 'x' } });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(res.body), field).toContain(field);
    }
    expect((await gw.api('/api/auth/me', { token: alice.access_token })).body.roles).toEqual(['USER']);
    expect((await gw.api('/api/users/me', { token: alice.access_token })).body.email).toBe(alice.email);
  });

  it('an order with customer_id, status or a price: 400 and no order; prices only by admins', async () => {
    const body = orderBody(product, 1);
    const attempts: [string, unknown][] = [
      ['customer_id', { ...body, customer_id: bob.user.id }],
      ['status', { ...body, status: 'DELIVERED' }],
      ['total', { ...body, total: 1 }],
      ['unit_price', { ...body, items: [{ product_id: product, quantity: 1, unit_price: 1 }] }],
    ];
    const listed = async () => (await gw.api('/api/orders', { token: alice.access_token })).body.items as unknown[];
    await waitFor(async () => JSON.stringify(await listed()).includes(owned.orderId as string), {
      description: "alice's order projected",
    });
    const before = (await listed()).length;
    for (const [field, attempt] of attempts) {
      const res = await gw.api('/api/orders', { token: alice.access_token, body: attempt });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(res.body), field).toContain(field);
    }
    const price = await gw.api(`/api/products/${product}`, {
      method: 'PUT',
      token: alice.access_token,
      body: { price: 1 },
    });
    expect(price.status).toBe(403);
    expect((await gw.api(`/api/products/${product}`)).body.price).toBe(2000);
    expect((await listed()).length).toBe(before);
  });
});
