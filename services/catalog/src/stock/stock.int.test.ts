// inventory.stock_changed over real RabbitMQ into PostgreSQL: in_stock follows inventory, late and repeated events lose.
import { type Envelope, type ProductSnapshot, validateEnvelope } from '@techcorp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../product/product.schemas.ts';
import { type CatalogHarness, newProduct, startCatalogHarness, stockChanged } from '../testing/catalog-harness.ts';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalogHarness();
});
afterAll(async () => {
  await catalog?.close();
});

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();
type UpdatedData = { changes: string[]; product: ProductSnapshot };
const summary = (messages: Envelope[]) =>
  messages.map((m) => {
    const data = validateEnvelope(m).data as UpdatedData;
    return { changes: data.changes, inStock: data.product.inStock, version: data.product.version };
  });

const create = async () =>
  (await catalog.request('POST', '/api/products', { body: newProduct(), admin: true })).json<ProductView>();
const read = async (id: string) => (await catalog.request('GET', `/api/products/${id}`)).json<ProductView>();
/** A real change after the events under test: commit order means any message they caused arrives before its one. */
const fence = async (id: string) => {
  const renamed = await catalog.request('PUT', `/api/products/${id}`, { body: { title: 'Fence' }, admin: true });
  return renamed.json<ProductView>().version;
};

describe('stock events for a known product', () => {
  it('flip in_stock both ways, bump the version and announce ["in_stock"] with the snapshot', async () => {
    const product = await create();
    await catalog.deliver(stockChanged(product.id, 5, at(1)));
    const inStock = await read(product.id);
    expect(inStock).toMatchObject({ in_stock: true, version: 2 });
    expect(inStock.updated_at > product.updated_at).toBe(true);

    await catalog.deliver(stockChanged(product.id, 3, at(2)));
    expect(await read(product.id)).toEqual(inStock);

    await catalog.deliver(stockChanged(product.id, 0, at(3)));
    expect(await read(product.id)).toMatchObject({ in_stock: false, version: 3 });

    expect(await fence(product.id)).toBe(4);
    const messages = await catalog.messagesFor(product.id, 4);
    expect(summary(messages)).toEqual([
      { changes: expect.arrayContaining(['in_stock']), inStock: false, version: 1 },
      { changes: ['in_stock'], inStock: true, version: 2 },
      { changes: ['in_stock'], inStock: false, version: 3 },
      { changes: ['title'], inStock: false, version: 4 },
    ]);
    // Correlated with the inventory event that caused the flip.
    expect(messages[1]?.causationId).not.toBeNull();
  });

  it('change nothing when delivered twice, or when older than the last one applied', async () => {
    const product = await create();
    const restocked = stockChanged(product.id, 8, at(10));
    await catalog.deliver(restocked);
    const after = await read(product.id);
    expect(after).toMatchObject({ in_stock: true, version: 2 });

    // The same message again (a redelivery), and a late retry of an older "sold out".
    await catalog.deliver(restocked, stockChanged(product.id, 0, at(9)));
    expect(await read(product.id)).toEqual(after);

    // Out of order the other way: the newer "sold out" first, then an older restock arriving late.
    await catalog.deliver(stockChanged(product.id, 0, at(20)));
    await catalog.deliver(stockChanged(product.id, 4, at(15)));
    expect(await read(product.id)).toMatchObject({ in_stock: false, version: 3 });
    // A non-flipping event still moves the clock: a later-arriving older one stays ignored.
    await catalog.deliver(stockChanged(product.id, 0, at(25)), stockChanged(product.id, 6, at(22)));
    expect(await read(product.id)).toMatchObject({ in_stock: false, version: 3 });

    expect(await fence(product.id)).toBe(4);
    const messages = await catalog.messagesFor(product.id, 4);
    expect(summary(messages).map((m) => m.changes)).toEqual([expect.any(Array), ['in_stock'], ['in_stock'], ['title']]);
  });

  it('keep following inventory for archived products', async () => {
    const product = await create();
    await catalog.request('POST', `/api/products/${product.id}/archive`, { admin: true });
    await catalog.deliver(stockChanged(product.id, 2, at(30)));
    expect(await read(product.id)).toMatchObject({ status: 'ARCHIVED', in_stock: true, version: 3 });
  });
});

describe('stock events for a product the catalog does not know', () => {
  it('are consumed and ignored: nothing written, nothing published, nothing dead-lettered', async () => {
    const unknown = '0190f5a4-1c1e-7c3a-8f00-00000000beef';
    await catalog.deliver(stockChanged(unknown, 5, at(40)));
    expect((await catalog.request('GET', `/api/products/${unknown}`)).statusCode).toBe(404);
    const product = await create();
    await catalog.messagesFor(product.id);
    expect(catalog.published.filter((m) => m.aggregateId === unknown)).toEqual([]);

    const letters = await catalog.request('GET', '/admin/dead-letters', { admin: true });
    expect(letters.json()).toEqual([{ queue: 'catalog.stock-events', depth: 0 }]);
    const metrics = (await catalog.request('GET', '/metrics')).body;
    for (const outcome of ['unknown', 'stale', 'unchanged', 'flipped'])
      expect(metrics).toMatch(new RegExp(`catalog_stock_events_total\\{[^}]*outcome="${outcome}"[^}]*\\} [1-9]`));
  });
});
