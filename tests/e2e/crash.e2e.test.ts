// A process SIGKILLed at any point of the saga loses nothing: after a restart every order still reaches a terminal
// state, with at most one charge, and stock conserved. Each service runs as its own process on the real servers.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessPlatform, startProcessPlatform } from '../../runner/src/process-platform.ts';
import { arm, expectCrashThenRestart, movements, providerRecord } from './support/crash.ts';
import { http } from './support/http.ts';
import { E2E_ENV } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody, stockOf, waitForStatus } from './support/shop.ts';

let platform: ProcessPlatform;
// Replies lost with a crashed process are re-sent sooner than in production.
const ENV = { ...E2E_ENV, ORDERS_STEP_TIMEOUT_MS: '2000' };

beforeAll(async () => {
  platform = await startProcessPlatform({}, ENV);
});
afterAll(async () => {
  await platform?.close();
});

/** POST an order with an idempotency key, retrying (bounded) while the orders process is down or restarting. */
async function placeWithRetry(body: unknown, key: string, customer = 'customer-1'): Promise<string> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await http(`${platform.urls.orders}/api/orders`, {
        body,
        headers: { 'idempotency-key': key },
        as: customerCaller(customer),
      });
      if (res.status === 202) return res.body.order_id;
    } catch {
      // the process died mid-request: retry with the same key
    }
    if (Date.now() > until) throw new Error('could not place the order');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const shop = () => ({ urls: platform.urls });

describe('crash points', () => {
  it('orders dies after committing a new order, before publishing or answering: the retry finds it', async () => {
    const product = await createStockedProduct(shop(), 1000, { main: 5 });
    const armed = await arm(platform, 'orders', 'orders.place.after-commit');
    const first = http(`${armed.url}/api/orders`, {
      body: orderBody(product, 1),
      headers: { 'idempotency-key': `k-${product}` },
    });
    await expect(first).rejects.toThrow();
    await expectCrashThenRestart(platform, armed);
    const orderId = await placeWithRetry(orderBody(product, 1), `k-${product}`);
    const order = await waitForStatus(shop(), orderId, ['CONFIRMED']);
    expect(await providerRecord(platform, order.order_id)).toEqual({ charges: 1, refunds: 0 });
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 4, reserved: 0 });
  });

  it('the outbox relay dies after publishing, before marking: the copies are dropped by the inboxes', async () => {
    const product = await createStockedProduct(shop(), 1000, { main: 5 });
    const armed = await arm(platform, 'orders', 'outbox.after-publish-before-mark');
    const placing = placeWithRetry(orderBody(product, 2), `k-${product}`);
    await expectCrashThenRestart(platform, armed);
    const order = await waitForStatus(shop(), await placing, ['CONFIRMED']);
    const mine = (await movements(platform, product)).filter((m) => m.order_id === order.order_id);
    expect(mine.map((m) => m.kind).sort()).toEqual(['RESERVE', 'SALE']);
    expect(await providerRecord(platform, order.order_id)).toEqual({ charges: 1, refunds: 0 });
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 3, reserved: 0 });
  });

  it('payments dies after the provider charged, before recording it: the redelivery does not charge again', async () => {
    const product = await createStockedProduct(shop(), 1000, { main: 5 });
    const armed = await arm(platform, 'payments', 'payments.after-charge-before-record');
    const orderId = await placeWithRetry(orderBody(product, 1), `k-${product}`);
    await expectCrashThenRestart(platform, armed);
    const order = await waitForStatus(shop(), orderId, ['CONFIRMED']);
    expect(await providerRecord(platform, order.order_id)).toEqual({ charges: 1, refunds: 0 });
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 4, reserved: 0 });
  });

  it('inventory dies after committing a reservation, before acknowledging it: nothing is reserved twice', async () => {
    const product = await createStockedProduct(shop(), 1000, { main: 5 });
    const armed = await arm(platform, 'inventory', 'consumer.inventory.commands.after-commit');
    const orderId = await placeWithRetry(orderBody(product, 2), `k-${product}`);
    await expectCrashThenRestart(platform, armed);
    const order = await waitForStatus(shop(), orderId, ['CONFIRMED']);
    const mine = (await movements(platform, product)).filter((m) => m.order_id === order.order_id);
    expect(mine.map((m) => m.kind).sort()).toEqual(['RESERVE', 'SALE']);
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 3, reserved: 0 });
  });

  it('orders dies mid-compensation (refund done, release not yet sent): the cancellation still completes', async () => {
    const product = await createStockedProduct(shop(), 1000, { main: 5 });
    const armed = await arm(platform, 'orders', 'orders.saga.mid-compensation');
    const orderId = await placeWithRetry(orderBody(product, 2), `k-${product}`);
    await waitForStatus(shop(), orderId, ['CONFIRMED']);
    expect((await http(`${armed.url}/api/orders/${orderId}`, { method: 'DELETE' })).status).toBe(202);
    await expectCrashThenRestart(platform, armed);
    const order = await waitForStatus(shop(), orderId, ['CANCELLED']);
    expect(order.payment).toMatchObject({ captured: true, refunded: true });
    expect(await providerRecord(platform, orderId)).toEqual({ charges: 1, refunds: 1 });
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 5, reserved: 0 });
  });
});

describe('random kills', () => {
  it('orders, inventory and payments SIGKILLed at random moments under load: every order ends terminal, nothing lost', async () => {
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    console.info(`random kills: CRASH_SEED=${seed}`);
    const product = await createStockedProduct(shop(), 1000, { main: 30 });
    const tokens = [
      ...Array(10).fill('tok_visa'),
      ...Array(3).fill('tok_chargeDeclined'),
      ...Array(3).fill('tok_flaky'),
    ];
    const placing = Promise.all(
      tokens.map(async (token, i) => {
        await new Promise((r) => setTimeout(r, i * 60));
        return placeWithRetry(orderBody(product, 1, token), `chaos-${product}-${i}`, `chaos-${i}`);
      }),
    );
    const victims = ['orders', 'inventory', 'payments'] as const;
    for (let kill = 0; kill < 6; kill++) {
      await new Promise((r) => setTimeout(r, 200 + random() * 800));
      const service = victims[Math.floor(random() * victims.length)]!;
      for (const p of platform.instances(service)) p.child.kill('SIGKILL');
      const replacement = await platform.start(service);
      platform.urls[service] = replacement.url;
    }
    const orderIds = await placing;
    const orders = await Promise.all(orderIds.map((id) => waitForStatus(shop(), id, ['CONFIRMED', 'FAILED'], 90_000)));

    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    expect(await stockOf(shop(), product)).toMatchObject({ on_hand: 30 - confirmed.length, reserved: 0 });
    for (const order of orders) {
      const money = await providerRecord(platform, order.order_id);
      if (order.status === 'CONFIRMED') expect(money).toEqual({ charges: 1, refunds: 0 });
      else expect(money.charges - money.refunds).toBe(0);
    }
    // 30 units for 16 orders: no order may fail for stock, whatever was killed when.
    expect(orders.filter((o) => /insufficient stock/.test(o.failure_reason ?? ''))).toEqual([]);
    expect(confirmed.length).toBeGreaterThan(0);
  });
});
