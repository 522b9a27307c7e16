// The Redis available counters: set from committed totals, rebuilt at start, and never a reason for an operation to fail.
import type { KeyValueStore } from '@techcorp/platform';
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryService } from '../service.ts';
import { type Harness, newId, startInventory } from '../testing/inventory-harness.ts';
import { availableKey, createAvailableCounters } from './available-counters.ts';

describe('available counters (real servers)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(async () => h?.close());

  it('a rebuild sets every counter from the database, correcting one that drifted', async () => {
    const p = newId();
    await h.restock(p, 7);
    await waitFor(async () => (await h.counter(p)) === '7', { description: 'counter 7' });
    await h.infra.kv.set(availableKey(p), '999');
    const { sql, kv, logger } = h.infra;
    await createAvailableCounters({ sql, kv, logger }).rebuildAll();
    expect(await h.counter(p)).toBe('7');
  });

  it('a Redis failure does not fail a reservation', async () => {
    const p = newId();
    await h.restock(p, 3);
    const broken: KeyValueStore = Object.assign(Object.create(h.infra.kv) as KeyValueStore, {
      set: async () => {
        throw new Error('redis is down');
      },
    });
    const { sql, bus, logger } = h.infra;
    const other = await inventoryService.create({ sql, bus, kv: broken, logger, urls: {}, env: h.infra.env });
    try {
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/inventory/reserve',
        payload: { order_id: newId(), items: [{ product_id: p, quantity: 2 }] },
        headers: h.adminHeaders('POST', '/api/inventory/reserve'),
      });
      expect(res.statusCode).toBe(201);
      expect((await h.checks.stock(p))[0]).toMatchObject({ onHand: 3, reserved: 2 });
    } finally {
      await other.stop();
    }
  });
});
