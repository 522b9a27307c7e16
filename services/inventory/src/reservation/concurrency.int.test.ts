// Many orders racing for little stock, over HTTP and over the bus: never oversold, the invariant holds, counters agree.
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type Harness, newId, startInventory } from '../testing/inventory-harness.ts';

const ORDERS = 30;

describe('concurrent reservations on real servers', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startInventory();
    await h.addWarehouse('west');
  });
  afterAll(async () => h?.close());

  /** 10 units across two warehouses: 6 in default, 4 in west. */
  async function tenUnits(): Promise<string> {
    const productId = newId();
    await h.restock(productId, 6);
    await h.restock(productId, 4, 'west');
    return productId;
  }

  async function expectSoldOutConsistently(productId: string): Promise<void> {
    const stock = (await h.get(`/api/inventory/${productId}`)).json();
    expect(stock).toMatchObject({ on_hand: 10, reserved: 10, available: 0 });
    for (const w of stock.warehouses) expect(w.reserved).toBeLessThanOrEqual(w.on_hand);
    expect(await h.checks.breaches()).toEqual([]);
    await waitFor(async () => (await h.counter(productId)) === '0', { description: 'counter at 0' });
  }

  it(`${ORDERS} parallel HTTP reserves of 1 unit for 10 units: exactly 10 succeed`, async () => {
    const productId = await tenUnits();
    const responses = await Promise.all(
      Array.from({ length: ORDERS }, () =>
        h.post('/api/inventory/reserve', { order_id: newId(), items: [{ product_id: productId, quantity: 1 }] }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(ORDERS - 10);
    await expectSoldOutConsistently(productId);
    const metrics = (await h.get('/metrics')).body;
    expect(metrics).toMatch(/^inventory_reservations_made_total\{[^}]*\} 10$/m);
    expect(metrics).toMatch(new RegExp(`^inventory_reservations_failed_total\\{[^}]*\\} ${ORDERS - 10}$`, 'm'));
  });

  it('parallel HTTP reserves of 3 units split across warehouses never oversell', async () => {
    const productId = await tenUnits();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        h.post('/api/inventory/reserve', { order_id: newId(), items: [{ product_id: productId, quantity: 3 }] }),
      ),
    );
    const reservedUnits = responses
      .filter((r) => r.statusCode === 201)
      .flatMap((r) => r.json().lines as { quantity: number }[])
      .reduce((sum, l) => sum + l.quantity, 0);
    expect(reservedUnits).toBe(9);
    const stock = (await h.get(`/api/inventory/${productId}`)).json();
    expect(stock).toMatchObject({ on_hand: 10, reserved: 9, available: 1 });
    expect(await h.checks.breaches()).toEqual([]);
  });

  it(`${ORDERS} parallel reserve commands on the bus for 10 units: exactly 10 reserved, the rest failed`, async () => {
    const productId = await tenUnits();
    const orderIds = Array.from({ length: ORDERS }, () => newId());
    await Promise.all(
      orderIds.map((orderId) =>
        h.send(COMMANDS.reserve, { orderId, items: [{ productId, quantity: 1 }], ttlSeconds: 600 }),
      ),
    );
    const ours = new Set(orderIds);
    const replies = () =>
      h.events.filter(
        (e) =>
          (e.type === 'inventory.reserved' || e.type === 'inventory.reservation_failed') &&
          ours.has((e.data as { orderId: string }).orderId),
      );
    await waitFor(() => replies().length === ORDERS, { timeoutMs: 20_000, description: `${ORDERS} replies` });
    expect(replies().filter((e) => e.type === 'inventory.reserved')).toHaveLength(10);
    const failed = replies().find((e) => e.type === 'inventory.reservation_failed');
    expect(failed?.data).toMatchObject({
      reason: 'insufficient stock',
      shortages: [{ productId, requested: 1, available: 0 }],
    });
    await expectSoldOutConsistently(productId);
  });
});
