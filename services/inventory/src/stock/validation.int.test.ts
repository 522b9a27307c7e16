// Bad input at every endpoint: a 4xx problem+json naming the field, never a 5xx, and nothing written.
import { adminCaller, customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newId, startInventory } from '../testing/inventory-harness.ts';

describe('inventory input validation (real servers)', () => {
  let h: Harness;
  const productId = newId();

  beforeAll(async () => {
    h = await startInventory();
    await h.restock(productId, 5);
  });
  afterAll(async () => h?.close());

  const item = (quantity: unknown) => ({ order_id: newId(), items: [{ product_id: productId, quantity }] });

  const badReserves: [string, unknown, string][] = [
    ['quantity 0', item(0), 'items.0.quantity'],
    ['a negative quantity', item(-1), 'items.0.quantity'],
    ['a fractional quantity', item(1.5), 'items.0.quantity'],
    ['a quantity of 10^9', item(1_000_000_000), 'items.0.quantity'],
    ['a quantity as a string', item('5'), 'items.0.quantity'],
    ['a missing order_id', { items: [{ product_id: productId, quantity: 1 }] }, 'order_id'],
    ['missing items', { order_id: newId() }, 'items'],
    ['no items', { order_id: newId(), items: [] }, 'items'],
    ['a missing product_id', { order_id: newId(), items: [{ quantity: 1 }] }, 'items.0.product_id'],
    [
      'a product id that is no UUID',
      { order_id: newId(), items: [{ product_id: 'x', quantity: 1 }] },
      'items.0.product_id',
    ],
    ['a urn:uuid order id', { ...item(1), order_id: `urn:uuid:${newId()}` }, 'order_id'],
    ['an unknown property', { ...item(1), priority: 'high' }, 'priority'],
    ['a TTL of 0', { ...item(1), ttl_seconds: 0 }, 'ttl_seconds'],
    ['101 items', { order_id: newId(), items: Array.from({ length: 101 }, () => item(1).items[0]) }, 'items'],
  ];

  it.each(badReserves)('reserve with %s is 400 naming the field and writes nothing', async (_case, body, field) => {
    const before = await h.checks.counts();
    const res = await h.post('/api/inventory/reserve', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await h.checks.counts()).toEqual(before);
  });

  it.each([['/api/inventory/reserve'], ['/api/inventory/confirm'], ['/api/inventory/release']])(
    '%s refuses a caller without the admin token and writes nothing',
    async (url) => {
      const before = await h.checks.counts();
      const res = await h.post(url, { order_id: newId(), items: [{ product_id: newId(), quantity: 1 }] }, {}, null);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await h.checks.counts()).toEqual(before);
    },
  );

  it.each([
    ['/api/inventory/reserve'],
    ['/api/inventory/confirm'],
    ['/api/inventory/release'],
    ['/api/inventory/restock'],
  ])('malformed JSON to %s is 400 problem+json and writes nothing', async (url) => {
    const before = await h.checks.counts();
    const res = await h.handle.app.inject({
      method: 'POST',
      url,
      payload: '{"order_id": ',
      headers: { 'content-type': 'application/json', ...h.adminHeaders('POST', url) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await h.checks.counts()).toEqual(before);
  });

  it.each([
    ['/api/inventory/confirm', {}, 'order_id'],
    ['/api/inventory/confirm', { order_id: 'nope' }, 'order_id'],
    ['/api/inventory/release', { order_id: newId(), reason: '' }, 'reason'],
    ['/api/inventory/release', { order_id: newId(), reason: 'x'.repeat(201) }, 'reason'],
    ['/api/inventory/restock', { product_id: newId(), quantity: 0 }, 'quantity'],
    ['/api/inventory/restock', { product_id: newId(), quantity: 1.5 }, 'quantity'],
    ['/api/inventory/restock', { product_id: newId(), quantity: 1_000_000_000 }, 'quantity'],
    ['/api/inventory/restock', { product_id: newId(), quantity: 1, warehouse_id: 'No Such!' }, 'warehouse_id'],
    ['/api/inventory/restock', { quantity: 1 }, 'product_id'],
  ])('POST %s with %j is 400 naming %s and writes nothing', async (url, body, field) => {
    const before = await h.checks.counts();
    const res = await h.post(url, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await h.checks.counts()).toEqual(before);
  });

  it('restock into an unknown warehouse is 422 and writes nothing', async () => {
    const before = await h.checks.counts();
    const res = await h.post('/api/inventory/restock', { product_id: newId(), quantity: 1, warehouse_id: 'nowhere' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'warehouse_id', message: 'is not a known warehouse' }]);
    expect(await h.checks.counts()).toEqual(before);
  });

  it('a restock retried with the same Idempotency-Key adds the units once; another body with it is 422', async () => {
    const p = newId();
    const headers = { 'idempotency-key': `restock-${p}` };
    const first = await h.post('/api/inventory/restock', { product_id: p, quantity: 4 }, headers);
    const retry = await h.post('/api/inventory/restock', { product_id: p, quantity: 4 }, headers);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await h.get(`/api/inventory/${p}`)).json()).toMatchObject({ on_hand: 4 });
    const other = await h.post('/api/inventory/restock', { product_id: p, quantity: 5 }, headers);
    expect(other.statusCode).toBe(422);
    expect(await h.checks.movementKinds(p)).toEqual(['RESTOCK default 4']);
  });

  it('GET of an unknown product is 404 problem+json; a malformed id is 400', async () => {
    const unknown = await h.get(`/api/inventory/${newId()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await h.get('/api/inventory/not-a-uuid')).statusCode).toBe(400);
  });

  it('admin routes refuse anonymous and forged callers (401) and customers (403), and write nothing', async () => {
    const before = await h.checks.counts();
    const body = { product_id: productId, quantity: 1 };
    const customer = customerCaller(newId());
    expect((await h.post('/api/inventory/restock', body, {}, null)).statusCode).toBe(401);
    expect((await h.post('/api/inventory/restock', body, { authorization: 'Bearer wrong' }, null)).statusCode).toBe(
      401,
    );
    const spoofed = { 'x-user-id': newId(), 'x-user-roles': 'ADMIN' };
    expect((await h.post('/api/inventory/restock', body, spoofed, null)).statusCode).toBe(401);
    expect((await h.post('/api/inventory/restock', body, {}, customer)).statusCode).toBe(403);
    expect((await h.post('/api/inventory/reserve', { order_id: newId(), items: [] }, {}, customer)).statusCode).toBe(
      403,
    );
    expect((await h.get(`/api/inventory/${productId}/movements`)).statusCode).toBe(401);
    expect((await h.get(`/api/inventory/${productId}/movements`, customer)).statusCode).toBe(403);
    expect(await h.checks.counts()).toEqual(before);
    const movements = await h.get(`/api/inventory/${productId}/movements?limit=1`, adminCaller());
    expect(movements.json()).toMatchObject({ items: [{ kind: 'RESTOCK', quantity: 5, on_hand_after: 5 }] });
  });
});
