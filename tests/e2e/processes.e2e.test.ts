// Each service as its own process on the real servers, with two instances of orders and of inventory
// competing for the same queues and sweeping the same tables: invariants hold across all of them.

import { customerCaller, waitFor } from '@techcorp/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessPlatform, startProcessPlatform } from '../../runner/src/process-platform.ts';
import { http } from './support/http.ts';
import { E2E_ENV } from './support/platform-under-test.ts';
import { chargesFor, createStockedProduct, orderBody, stockOf, waitForStatus } from './support/shop.ts';

let platform: ProcessPlatform;

beforeAll(async () => {
  platform = await startProcessPlatform({ orders: 2, inventory: 2 }, E2E_ENV);
});
afterAll(async () => {
  await platform?.close();
});

describe('separate processes, several instances', () => {
  it('orders placed on both orders instances all end terminal, with stock and money conserved', async () => {
    const shop = { urls: platform.urls };
    const product = await createStockedProduct(shop, 1200, { main: 5, north: 3 });
    const ordersUrls = platform.instances('orders').map((p) => p.url);
    expect(ordersUrls).toHaveLength(2);
    const tokens = [...Array(20).fill('tok_visa'), ...Array(4).fill('tok_chargeDeclined')];
    const placed = await Promise.all(
      tokens.map((token, i) =>
        http(`${ordersUrls[i % 2]}/api/orders`, {
          body: orderBody(product, 1, token),
          as: customerCaller(`proc-${i}`),
        }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(tokens.length).fill(202));

    const orders = await Promise.all(
      placed.map((p, i) =>
        waitForStatus({ urls: { orders: ordersUrls[(i + 1) % 2]! } }, p.body.order_id, ['CONFIRMED', 'FAILED']),
      ),
    );
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThanOrEqual(8);
    expect(orders.slice(20).map((o) => o.status)).toEqual(Array(4).fill('FAILED'));
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 8 - confirmed.length, reserved: 0 });
    for (const order of orders) {
      const succeeded = (await chargesFor(shop, order.order_id)).filter((c) => c.status === 'succeeded');
      expect(succeeded).toHaveLength(order.status === 'CONFIRMED' ? 1 : 0);
    }

    // Nothing left behind: every outbox row published, every saga finished.
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const pending = async () => {
        let n = 0;
        for (const schema of ['orders', 'inventory', 'payments', 'products'])
          n += (await client.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`))
            .rows[0].n;
        return n;
      };
      await waitFor(async () => (await pending()) === 0, { timeoutMs: 10_000 });
      expect(await pending()).toBe(0);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM orders.sagas WHERE state NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
