// Re-announcing stock: one inventory.stock_changed per product with its current totals, for admins only.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newId, startInventory } from '../testing/inventory-harness.ts';

describe('stock republish (real servers)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(async () => h?.close());

  it("publishes every product's current totals once more, and refuses customers", async () => {
    const [a, b] = [newId(), newId()];
    await h.restock(a, 4);
    await h.restock(b, 9);
    const stockEventsOf = (id: string) =>
      h.events.filter(
        (e) => e.type === 'inventory.stock_changed' && (e.data as { productId: string }).productId === id,
      );
    await h.waitForEvent((e) => stockEventsOf(b).includes(e), 'the restock events');
    const before = [stockEventsOf(a).length, stockEventsOf(b).length];

    const refused = await h.post('/api/inventory/stock/republish', {}, {}, customerCaller(newId()));
    expect(refused.statusCode).toBe(403);
    const res = await h.post('/api/inventory/stock/republish', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().products).toBeGreaterThanOrEqual(2);

    await h.waitForEvent(
      () => stockEventsOf(a).length > before[0]! && stockEventsOf(b).length > before[1]!,
      'republished',
    );
    expect(stockEventsOf(a).at(-1)?.data).toEqual({ productId: a, available: 4, onHand: 4, reserved: 0 });
    expect(stockEventsOf(b).at(-1)?.data).toEqual({ productId: b, available: 9, onHand: 9, reserved: 0 });
  });
});
