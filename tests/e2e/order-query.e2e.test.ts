// The CQRS read side end to end: orders placed through orders (8081) are listed, searched and analysed on
// order-query (8084) with read-your-writes, so the test never sleeps; then a rebuild from the event store
// through the admin API leaves a model equal to the live one.
import { adminCaller, type Caller, customerCaller, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRows, orderRows } from '../../services/order-query/src/testing/read-model-checks.sql.ts';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody, placeAndWait } from './support/shop.ts';

let shop: PlatformUnderTest;
const startedAt = new Date(Date.now() - 60_000).toISOString();

interface Placed {
  order_id: string;
  order_number: string;
  status: string;
  version: number;
}

/** A read-your-writes query, as an admin unless `as` says otherwise. */
const query = (path: string, order: Placed, extra = '', as: Caller = adminCaller()) =>
  http(
    `${shop.urls['order-query']}${path}${path.includes('?') ? '&' : '?'}for_order=${order.order_id}&min_version=${order.version}${extra}`,
    { as },
  );

async function place(product: string, card: string, customer: string): Promise<Placed> {
  const placed = await placeAndWait(shop, orderBody(product, 1, card), {}, customerCaller(customer));
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  return placed.body;
}

describe.each(['real', 'embedded'] as const)('order-query on %s infrastructure', (infrastructure) => {
  beforeAll(async () => {
    shop = await startPlatformUnderTest({}, infrastructure);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('lists, searches, analyses and rebuilds what orders recorded', async () => {
    const product = await createStockedProduct(shop, 2_500, { main: 10 });
    const first = await place(product, 'tok_visa', 'e2e-oq-1');
    const second = await place(product, 'tok_visa', 'e2e-oq-1');
    const declined = await place(product, 'tok_chargeDeclined', 'e2e-oq-2');
    expect([first.status, second.status, declined.status]).toEqual(['CONFIRMED', 'CONFIRMED', 'FAILED']);

    const mine = await query('/api/orders/customer/e2e-oq-1', second);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((o: Placed) => [o.order_id, o.status])).toEqual([
      [second.order_id, 'CONFIRMED'],
      [first.order_id, 'CONFIRMED'],
    ]);
    expect(mine.body.items[0]).toMatchObject({ total: 2_500, currency: 'BRL', version: second.version });
    expect(mine.body.items[0].items).toEqual([
      expect.objectContaining({ product_id: product, quantity: 1, price: 2_500 }),
    ]);

    // Each customer lists only their own orders; another customer's list is hidden.
    const ownList = await query('/api/orders', second, '', customerCaller('e2e-oq-1'));
    expect(ownList.body.items.map((o: Placed) => o.order_id).sort()).toEqual([first.order_id, second.order_id].sort());
    const othersList = await http(`${shop.urls['order-query']}/api/orders/customer/e2e-oq-1`, {
      as: customerCaller('e2e-oq-2'),
    });
    expect(othersList.status).toBe(404);

    const failed = await query('/api/orders?status=FAILED', declined);
    expect(failed.body.items.map((o: Placed) => o.order_id)).toEqual([declined.order_id]);

    const found = await query(`/api/orders/search?q=${declined.order_number}`, declined);
    expect(found.body.items.map((o: Placed) => o.order_number)).toEqual([declined.order_number]);

    // An admin status change on orders reaches order-query as order.status_changed.
    const shipped = await http(`${shop.urls.orders}/api/orders/${first.order_id}/status`, {
      method: 'PUT',
      admin: true,
      body: { status: 'SHIPPED' },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    const analytics = await query(`/api/orders/analytics?from=${startedAt}`, shipped.body);
    expect(analytics.status, JSON.stringify(analytics.body)).toBe(200);
    expect(analytics.body.saga_outcomes).toEqual({ completed: 2, failed: 1, cancelled: 0, in_progress: 0 });
    expect(analytics.body.average_order_value).toEqual([{ currency: 'BRL', orders: 2, average: 2_500 }]);
    expect(analytics.body.top_products.by_units).toEqual([
      expect.objectContaining({ product_id: product, units: 2, revenue: 5_000 }),
    ]);

    // Rebuild from the orders event store (its admin replay feed) and compare with the live model, row by row.
    const sql = await shop.sql('order-query');
    const live = { orders: await orderRows(sql), items: await itemRows(sql) };
    expect(live.orders).toHaveLength(3);
    const rebuild = `${shop.urls['order-query']}/api/orders/read-model/rebuild`;
    expect((await http(rebuild, { method: 'POST' })).status).toBe(403);
    expect((await http(rebuild, { method: 'POST', as: null })).status).toBe(401);
    const started = await http(rebuild, { method: 'POST', admin: true });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await waitFor(async () => (await http(rebuild, { admin: true })).body.state === 'done', {
      timeoutMs: 30_000,
      description: 'the rebuild to finish',
    });
    expect((await http(rebuild, { admin: true })).body).toMatchObject({ state: 'done', error: null });
    expect({ orders: await orderRows(sql), items: await itemRows(sql) }).toEqual(live);
  });
});
