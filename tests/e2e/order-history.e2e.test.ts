// The event store's history through the orders admin API: the order as of a past moment, and the replay feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody, placeAndWait } from './support/shop.ts';

let shop: PlatformUnderTest;

beforeAll(async () => {
  shop = await startPlatformUnderTest();
});
afterAll(async () => {
  await shop?.close();
});

describe('order history', () => {
  it('shows the order as it stood at any past moment', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await placeAndWait(shop, orderBody(product, 1));
    expect(placed.body.status).toBe('CONFIRMED');
    const url = `${shop.urls.orders}/api/orders/${placed.body.order_id}`;
    expect((await http(`${url}/events`)).status).toBe(403);
    expect((await http(`${url}/events`, { as: null })).status).toBe(401);
    const { body } = await http(`${url}/events`, { admin: true });
    expect(body.events.map((e: { type: string }) => e.type)).toEqual([
      'OrderCreated',
      'InventoryReserved',
      'PaymentProcessed',
      'OrderCompleted',
    ]);
    const at = (i: number, deltaMs = 0) => new Date(Date.parse(body.events[i].at) + deltaMs).toISOString();
    const asOf = (iso: string) => http(`${url}/as-of?at=${encodeURIComponent(iso)}`, { admin: true });

    expect((await asOf(at(0, -1))).status).toBe(404);
    expect((await asOf(at(0))).body).toMatchObject({ status: 'PENDING', version: 1, payment: { captured: false } });
    expect((await asOf(at(2))).body).toMatchObject({ status: 'PENDING', version: 3, payment: { captured: true } });
    expect((await asOf(at(3))).body).toMatchObject({ status: 'CONFIRMED', version: 4 });
    expect((await asOf('not-a-date')).status).toBe(400);
  });

  it('replays the store as integration events with snapshots, stable across calls', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await placeAndWait(shop, orderBody(product, 1, 'tok_chargeDeclined'));
    const collect = async () => {
      const all: { id: string; type: string; aggregateId: string; data: { snapshot: { version: number } } }[] = [];
      let after: string | null = null;
      do {
        const query: string = after ? `&after=${after}` : '';
        const page = await http(`${shop.urls.orders}/api/orders/replay?limit=1${query}`, { admin: true });
        expect(page.status).toBe(200);
        all.push(...page.body.messages);
        after = page.body.next_after;
      } while (after);
      return all.filter((m) => m.aggregateId === placed.body.order_id);
    };
    const first = await collect();
    expect(first.map((m) => [m.type, m.data.snapshot.version])).toEqual([
      ['order.created', 1],
      ['order.failed', expect.any(Number)],
    ]);
    expect((await collect()).map((m) => m.id)).toEqual(first.map((m) => m.id));
  });
});
