// Cache-first answers and read-your-writes on real PostgreSQL, RabbitMQ and Redis.
import { createKv, type KeyValueStore } from '@techcorp/platform';
import { adminCaller, customerCaller, injectAs, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrderQueryHandle, orderQueryService } from '../service.ts';
import { advance, newOrder, orderEvent } from '../testing/order-fixtures.ts';
import { type OrderQueryHarness, startOrderQuery } from '../testing/order-query-harness.ts';
import { damageOrder } from '../testing/read-model-checks.sql.ts';
import type { OrderPage } from './order-query.schemas.ts';

let h: OrderQueryHarness;
const extra: OrderQueryHandle[] = [];

beforeAll(async () => {
  // A TTL far beyond every wait below: an answer that changes was invalidated, it did not expire.
  h = await startOrderQuery({ env: { ORDER_QUERY_CACHE_TTL_MS: '600000' } });
});
afterAll(async () => {
  for (const handle of extra) await handle.stop();
  await h?.close();
});

/** A second instance on the same database, not consuming: only its HTTP answers are used. */
async function queryOnlyInstance(overrides: { env?: Record<string, string>; kv?: KeyValueStore }) {
  const handle = await orderQueryService.create({
    logger: h.infra.logger,
    sql: h.infra.sql,
    bus: h.infra.bus,
    kv: overrides.kv ?? h.infra.kv,
    urls: {},
    env: { ...h.infra.env, ...overrides.env },
  });
  extra.push(handle);
  return handle;
}

const page = async (url: string) => {
  const response = await h.request(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<OrderPage>();
};
const statuses = (p: OrderPage) => p.items.map((o) => `${o.order_number}:${o.status}`);

const asAdmin = (instance: OrderQueryHandle, url: string) =>
  injectAs(instance.app, h.infra.env.GATEWAY_IDENTITY_SECRET as string, adminCaller(), { url });

describe('cache-first answers', () => {
  it('serve the cached answer until a projected change bumps the generation, then the new state', async () => {
    const mine = newOrder({ customerId: 'cache-a' });
    const other = newOrder({ customerId: 'cache-b' });
    await h.deliverAll([orderEvent(mine), orderEvent(other)]);
    const listUrl = '/api/orders?customer_id=cache-a';
    const customerUrl = '/api/orders/customer/cache-a';
    const first = { list: await page(listUrl), customer: await page(customerUrl) };
    expect(statuses(first.list)).toEqual([`${mine.orderNumber}:PENDING`]);

    // Changed behind the projection's back: only a cached answer can still say PENDING.
    await damageOrder(h.infra.sql, mine.orderId);
    expect(await page(listUrl)).toEqual(first.list);
    expect(await page(customerUrl)).toEqual(first.customer);

    // Another customer's event: list answers (global generation) go stale, cache-a's customer answers do not.
    await h.deliver(orderEvent(advance(other, 2, { status: 'CONFIRMED' })));
    await waitFor(async () => statuses(await page(listUrl))[0] === `${mine.orderNumber}:FAILED`, {
      description: 'the list answer invalidated',
    });
    expect(await page(customerUrl)).toEqual(first.customer);

    // cache-a's own event invalidates its customer answers.
    await h.deliver(orderEvent(advance(mine, 4, { status: 'CONFIRMED' })));
    await waitFor(async () => statuses(await page(customerUrl))[0] === `${mine.orderNumber}:CONFIRMED`, {
      description: "the customer's answer invalidated",
    });

    const metrics = (await h.handle.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/order_query_cache_lookups_total\{[^}]*kind="list"[^}]*result="hit"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/order_query_cache_lookups_total\{[^}]*kind="customer"[^}]*result="miss"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/order_query_projection_lag_seconds_count\{[^}]*type="order.confirmed"[^}]*\} [1-9]/);
  });

  it('degrade to the database when the key-value store fails', async () => {
    const broken = await createKv({ kind: 'redis', url: h.infra.env.REDIS_URL!, keyPrefix: `broken-${Date.now()}:` });
    await broken.close();
    const instance = await queryOnlyInstance({ kv: broken });
    const order = newOrder({ customerId: 'no-cache' });
    await h.deliver(orderEvent(order));

    const response = await asAdmin(instance, '/api/orders/customer/no-cache');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<OrderPage>().items.map((o) => o.order_id)).toEqual([order.orderId]);
    const metrics = (await instance.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/order_query_cache_lookups_total\{[^}]*kind="customer"[^}]*result="error"[^}]*\} 1/);
  });
});

describe('read-your-writes (for_order + min_version)', () => {
  it('waits until the order is projected at that version, then answers with it (bypassing the cache)', async () => {
    const order = newOrder({ customerId: 'ryw' });
    await h.deliver(orderEvent(order));
    expect(statuses(await page('/api/orders/customer/ryw'))).toEqual([`${order.orderNumber}:PENDING`]);

    let settled = false;
    const waiting = h.request(`/api/orders/customer/ryw?for_order=${order.orderId}&min_version=4`);
    void waiting.then(() => {
      settled = true;
    });
    await h.request('/health/live');
    expect(settled).toBe(false);

    await h.infra.bus.publish(orderEvent(advance(order, 4, { status: 'CONFIRMED' })));
    const response = await waiting;
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<OrderPage>().items[0]).toMatchObject({
      order_id: order.orderId,
      status: 'CONFIRMED',
      version: 4,
    });
  });

  it('answers 503 with Retry-After when the projection does not catch up in time', async () => {
    const instance = await queryOnlyInstance({ env: { ORDER_QUERY_WAIT_TIMEOUT_MS: '200' } });
    const order = newOrder();
    await h.deliver(orderEvent(order));
    for (const path of [
      '/api/orders',
      '/api/orders/search',
      '/api/orders/analytics',
      `/api/orders/customer/${order.customerId}`,
    ]) {
      const join = path.includes('search') ? '?q=tc&' : '?';
      const response = await asAdmin(instance, `${path}${join}for_order=${order.orderId}&min_version=2`);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    }
    const caughtUp = await asAdmin(instance, `/api/orders?for_order=${order.orderId}&min_version=1`);
    expect(caughtUp.statusCode).toBe(200);
    // Another customer waiting on this order learns nothing: it never counts as projected for them.
    const secret = h.infra.env.GATEWAY_IDENTITY_SECRET as string;
    const url = `/api/orders?for_order=${order.orderId}&min_version=1`;
    const stranger = await injectAs(instance.app, secret, customerCaller('someone-else'), { url });
    expect(stranger.statusCode).toBe(503);
    const owner = await injectAs(instance.app, secret, customerCaller(order.customerId), { url });
    expect(owner.statusCode).toBe(200);
  });
});
