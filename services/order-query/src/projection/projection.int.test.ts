// The projection on real PostgreSQL and RabbitMQ: out-of-order, duplicate and gapped order events converge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, line, newOrder, orderEvent } from '../testing/order-fixtures.ts';
import { type OrderQueryHarness, startOrderQuery } from '../testing/order-query-harness.ts';
import { itemRows, orderRow } from '../testing/read-model-checks.sql.ts';

let h: OrderQueryHarness;

beforeAll(async () => {
  h = await startOrderQuery();
});
afterAll(async () => {
  await h?.close();
});

const itemsOf = async (orderId: string) => (await itemRows(h.infra.sql)).filter((r) => r.order_id === orderId);

describe('events arriving out of order', () => {
  it('v4 then v1 ends at v4: the late older snapshot changes nothing', async () => {
    const placed = newOrder({ lines: [line({ title: 'Trail shoe', quantity: 1, unitPrice: 45_990 })] });
    const confirmed = advance(placed, 4, { status: 'CONFIRMED' });
    await h.deliver(orderEvent(confirmed));
    await h.deliver(orderEvent(placed));

    expect(await orderRow(h.infra.sql, placed.orderId)).toMatchObject({
      status: 'CONFIRMED',
      version: 4,
      total_amount: 45_990,
      currency: 'BRL',
      order_number: placed.orderNumber,
    });
    expect(await itemsOf(placed.orderId)).toHaveLength(1);
  });

  it('a gap (v1, then v6) is applied: every snapshot is the whole order', async () => {
    const placed = newOrder();
    await h.deliver(orderEvent(placed));
    const shipped = advance(placed, 6, { status: 'SHIPPED' });
    await h.deliver(orderEvent(shipped));
    expect(await orderRow(h.infra.sql, placed.orderId)).toMatchObject({ status: 'SHIPPED', version: 6 });
  });
});

describe('duplicates', () => {
  it('the same message delivered twice, and the same version under a new id, change nothing', async () => {
    const placed = newOrder();
    const failed = advance(placed, 3, { status: 'FAILED', failureReason: 'insufficient stock: out' });
    const event = orderEvent(failed);
    await h.deliver(event);
    const before = { row: await orderRow(h.infra.sql, placed.orderId), items: await itemsOf(placed.orderId) };

    // Same id: the inbox skips it. Same version, new id (a replayed event): the version guard skips it, even
    // with a different payload, which proves the guard and not the data decided.
    const sameVersionDifferentData = orderEvent({ ...failed, failureReason: 'tampered', lines: [] });
    await h.deliverAll([event, sameVersionDifferentData]);

    expect(h.processed.filter((id) => id === event.id)).toHaveLength(2);
    expect(await orderRow(h.infra.sql, placed.orderId)).toEqual(before.row);
    expect(await itemsOf(placed.orderId)).toEqual(before.items);
    expect(before.row).toMatchObject({ status: 'FAILED', failure_reason: 'insufficient stock: out', version: 3 });
  });
});

describe('items', () => {
  it('are replaced from the newer snapshot, in line order', async () => {
    const placed = newOrder({
      lines: [
        line({ title: 'Socks', quantity: 2, unitPrice: 1_990 }),
        line({ title: 'Cap', quantity: 1, unitPrice: 4_990 }),
      ],
    });
    await h.deliver(orderEvent(placed));
    const changed = advance(placed, 2, { lines: [line({ title: 'Jacket', quantity: 1, unitPrice: 29_990 })] });
    await h.deliver(orderEvent(changed));

    expect((await itemsOf(placed.orderId)).map((i) => [i.product_name, i.quantity, i.price, i.line_total])).toEqual([
      ['Jacket', 1, 29_990, 29_990],
    ]);
    expect(await orderRow(h.infra.sql, placed.orderId)).toMatchObject({ total_amount: 29_990, version: 2 });
  });

  it('many concurrent events for many orders all converge to their highest version', async () => {
    const orders = Array.from({ length: 8 }, () => newOrder());
    const events = orders.flatMap((o) => [
      orderEvent(advance(o, 5, { status: 'DELIVERED' })),
      orderEvent(o),
      orderEvent(advance(o, 4, { status: 'SHIPPED' })),
      orderEvent(advance(o, 3, { status: 'CONFIRMED' })),
    ]);
    await h.deliverAll(events);
    for (const o of orders)
      expect(await orderRow(h.infra.sql, o.orderId)).toMatchObject({ status: 'DELIVERED', version: 5 });
  });
});
