// DESIGN.md invariants through the running services: no oversell under a race, redelivery changes nothing.
import { createMessage, InventoryConfirmed, InventoryReserved, PaymentConfirmed } from '@techcorp/contracts';
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { chargesFor, createStockedProduct, orderBody, placeAndWait, stockOf, waitForStatus } from './support/shop.ts';

describe.each(['real', 'embedded'] as const)('invariants on %s infrastructure', (infrastructure) => {
  let shop: PlatformUnderTest;

  beforeAll(async () => {
    shop = await startPlatformUnderTest({}, infrastructure);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('many clients racing for the last units never oversell, and only winners are charged', async () => {
    const product = await createStockedProduct(shop, 1500, { main: 3, north: 2 });
    const clients = 20;
    const placed = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        http(`${shop.urls.orders}/api/orders`, { body: orderBody(product, 1), as: customerCaller(`racer-${i}`) }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(clients).fill(202));
    const orders = await Promise.all(placed.map((p) => waitForStatus(shop, p.body.order_id, ['CONFIRMED', 'FAILED'])));
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(5);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 0, reserved: 0, available: 0 });
    for (const order of orders) {
      const succeeded = (await chargesFor(shop, order.order_id)).filter((c) => c.status === 'succeeded');
      expect(succeeded).toHaveLength(order.status === 'CONFIRMED' ? 1 : 0);
    }
  });

  it('replies delivered again (same id or a new one) change nothing', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await placeAndWait(shop, orderBody(product, 1));
    const before = await waitForStatus(shop, placed.body.order_id, ['CONFIRMED']);
    const orderId = before.order_id;
    const events = await shop.sql('orders');
    const { rows: stored } = await events.query<{ version: number }>(
      'SELECT max(version)::int AS version FROM order_events WHERE aggregate_id = $1',
      [orderId],
    );
    const meta = { aggregateId: orderId, correlationId: 'redelivery-test' };
    const replies = [
      createMessage(
        InventoryReserved,
        { orderId, reservationId: orderId, lines: [], expiresAt: new Date().toISOString() },
        meta,
      ),
      createMessage(
        PaymentConfirmed,
        {
          orderId,
          paymentId: orderId,
          transactionId: orderId,
          providerChargeId: 'ch_x',
          amount: 1000,
          currency: 'BRL',
        },
        meta,
      ),
      createMessage(InventoryConfirmed, { orderId, reservationId: orderId }, meta),
    ];
    for (const reply of [...replies, ...replies]) await shop.bus.publish(reply);
    // Wait until the saga consumer has seen all of them: its inbox holds every id.
    const until = Date.now() + 10_000;
    for (;;) {
      const { rows } = await events.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inbox WHERE message_id = ANY($1::uuid[])',
        [replies.map((r) => r.id)],
      );
      if (rows[0]!.n === replies.length || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = (await http(`${shop.urls.orders}/api/orders/${orderId}`)).body;
    expect(after.version).toBe(stored[0]!.version);
    expect(after.status).toBe('CONFIRMED');
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 4, reserved: 0 });
    expect((await chargesFor(shop, orderId)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });
});
