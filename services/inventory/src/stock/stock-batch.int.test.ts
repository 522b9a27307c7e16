// The batch stock read GET /api/inventory?ids=: many products in one answer, unknown ones left out, input checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newId, startInventory } from '../testing/inventory-harness.ts';

interface BatchBody {
  items: { product_id: string; on_hand: number; reserved: number; available: number; warehouses: unknown[] }[];
}

describe.each([
  ['real', false],
  ['embedded', true],
])('a batch stock read (%s adapters)', (_name, embedded) => {
  let h: Harness;
  const lamp = newId();
  const chair = newId();

  beforeAll(async () => {
    h = await startInventory({ embedded });
    await h.addWarehouse('north');
    await h.restock(lamp, 5);
    await h.restock(lamp, 2, 'north');
    await h.restock(chair, 3);
  });
  afterAll(async () => h?.close());

  const batch = (ids: readonly string[]) => h.get(`/api/inventory?ids=${ids.join(',')}`);

  it('answers each stocked product as the single read does, in the order asked, to anonymous callers', async () => {
    const res = await batch([chair, lamp]);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<BatchBody>();
    expect(items).toEqual([
      (await h.get(`/api/inventory/${chair}`)).json(),
      (await h.get(`/api/inventory/${lamp}`)).json(),
    ]);
    expect(items[1]).toMatchObject({ product_id: lamp, on_hand: 7, reserved: 0, available: 7 });
    expect(items[1]?.warehouses).toHaveLength(2);
  });

  it('leaves out products never stocked, and answers each product once whatever its case or repeats', async () => {
    const res = await batch([newId(), lamp.toUpperCase(), lamp, newId()]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BatchBody>().items.map((i) => i.product_id)).toEqual([lamp]);
    expect((await batch([newId()])).json()).toEqual({ items: [] });
  });

  it('takes 100 ids in one request', async () => {
    const ids = [...Array.from({ length: 99 }, () => newId()), chair];
    const res = await batch(ids);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BatchBody>().items.map((i) => i.product_id)).toEqual([chair]);
  });
});

describe('batch stock read input validation (real servers)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(async () => h?.close());

  it.each([
    ['no ids', '/api/inventory', 'ids'],
    ['empty ids', '/api/inventory?ids=', 'ids'],
    ['an id that is no UUID', `/api/inventory?ids=${newId()},not-a-uuid`, 'ids'],
    ['a urn:uuid id', `/api/inventory?ids=urn:uuid:${newId()}`, 'ids'],
    ['a trailing comma', `/api/inventory?ids=${newId()},`, 'ids'],
    ['101 ids', `/api/inventory?ids=${Array.from({ length: 101 }, () => newId()).join(',')}`, 'ids'],
    ['an unknown parameter', `/api/inventory?ids=${newId()}&limit=5`, 'limit'],
  ])('%s is 400 problem+json naming the field', async (_case, url, field) => {
    const res = await h.get(url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
