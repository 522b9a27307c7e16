// The product API on real PostgreSQL and RabbitMQ: create, read, list, batch lookup, update and its events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from '../testing/catalog-harness.ts';
import { FIELD_NAMES, STATE_FIELDS, VIEW_KEYS } from './product.model.ts';
import type { ProductPage, ProductView } from './product.schemas.ts';

let catalog: CatalogHarness;
/** A new product announces every field of its state as changed. */
const ALL_CHANGES = STATE_FIELDS.map((field) => FIELD_NAMES[field]);

beforeAll(async () => {
  catalog = await startCatalogHarness();
  await catalog.terms({ categories: ['paging', 'many', 'dup-sku'], brands: ['odd', 'even', 'acme-pro'] });
});
afterAll(async () => {
  await catalog?.close();
});

const create = async (overrides: Record<string, unknown> = {}) => {
  const response = await catalog.request('POST', '/api/products', { body: newProduct(overrides), admin: true });
  expect(response.statusCode).toBe(201);
  return response.json<ProductView>();
};

const listAll = async (query: string) => {
  const seen: ProductView[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/products?${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await catalog.request('GET', url);
    expect(response.statusCode).toBe(200);
    const page: ProductPage = response.json<ProductPage>();
    seen.push(...page.items);
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { seen, pages };
};

describe('creating and reading a product', () => {
  it('answers 201 with Location, the product as stored, and a product.updated naming every field', async () => {
    const body = newProduct({ description: undefined });
    const response = await catalog.request('POST', '/api/products', { body, admin: true });
    expect(response.statusCode).toBe(201);
    const created = response.json<ProductView>();
    expect(response.headers.location).toBe(`/api/products/${created.id}`);
    expect(created).toMatchObject({ ...body, description: '', status: 'ACTIVE', version: 1 });
    expect(created).toMatchObject({ original_price: null, attributes: {}, images: [], popularity_score: 0 });
    expect(created.in_stock).toBe(false);
    expect(Object.keys(created)).toEqual(VIEW_KEYS);

    const read = await catalog.request('GET', response.headers.location as string);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
    expect(read.headers.etag).toBe('"1"');

    const [message] = await catalog.messagesFor(created.id);
    expect(message?.data).toMatchObject({
      productId: created.id,
      changes: ALL_CHANGES,
      updatedAt: created.updated_at,
      product: { productId: created.id, version: 1, inStock: false },
    });
  });

  it('answers 404 for an unknown id and 400 naming id for a malformed one', async () => {
    expectProblem(await catalog.request('GET', '/api/products/0190f5a4-1c1e-7c3a-8f00-0123456789ab'), 404);
    expectProblem(await catalog.request('GET', '/api/products/not-a-uuid'), 400, 'id');
  });

  it('refuses a second product with the same sku with 409 naming sku, and writes nothing', async () => {
    const first = await create();
    const again = await catalog.request('POST', '/api/products', {
      body: newProduct({ sku: first.sku, category: 'dup-sku' }),
      admin: true,
    });
    expectProblem(again, 409, 'sku');
    expect((await listAll('category=dup-sku')).seen).toEqual([]);
  });
});

describe('listing products', () => {
  it('walks every product of a filter once, in creation order, across keyset pages', async () => {
    const created: ProductView[] = [];
    for (let i = 0; i < 7; i += 1) created.push(await create({ category: 'paging', brand: i % 2 ? 'odd' : 'even' }));

    const { seen, pages } = await listAll('category=paging&limit=3');
    expect(pages).toBe(3);
    expect(seen.map((p) => p.id)).toEqual(created.map((p) => p.id));

    const odd = await listAll('category=paging&brand=odd&limit=2');
    expect(odd.seen.map((p) => p.id)).toEqual(created.filter((_, i) => i % 2).map((p) => p.id));
  });

  it('defaults to pages of 20 and hides archived products unless asked', async () => {
    for (let i = 0; i < 21; i += 1) await create({ category: 'many' });
    const first = (await catalog.request('GET', '/api/products?category=many')).json<ProductPage>();
    expect(first.items).toHaveLength(20);
    expect(first.next_cursor).not.toBeNull();

    const archived = first.items[0]!;
    const put = await catalog.request('PUT', `/api/products/${archived.id}`, {
      body: { status: 'ARCHIVED' },
      admin: true,
    });
    expect(put.statusCode).toBe(200);
    expect((await listAll('category=many')).seen.map((p) => p.id)).not.toContain(archived.id);
    const all = await listAll('category=many&include_archived=true');
    expect(all.seen).toHaveLength(21);
    expect(all.seen.find((p) => p.id === archived.id)?.status).toBe('ARCHIVED');
  });

  it('looks up a batch of ids, leaving out unknown and archived ones', async () => {
    const [a, b, gone] = [await create(), await create(), await create()];
    await catalog.request('PUT', `/api/products/${gone!.id}`, { body: { status: 'ARCHIVED' }, admin: true });
    const unknown = '0190f5a4-1c1e-7c3a-8f00-0123456789ab';
    const ids = [b!.id, unknown, a!.id.toUpperCase(), gone!.id, a!.id].join(',');

    const response = await catalog.request('GET', `/api/products?ids=${ids}`);
    expect(response.statusCode).toBe(200);
    const page = response.json<ProductPage>();
    expect(page.items.map((p) => p.id)).toEqual([a!.id, b!.id]);
    expect(page.items.map((p) => p.price)).toEqual([a!.price, b!.price]);
    expect(page.next_cursor).toBeNull();
  });
});

describe('updating a product', () => {
  it('bumps the version and publishes exactly the changed fields', async () => {
    const product = await create();
    const response = await catalog.request('PUT', `/api/products/${product.id}`, {
      body: { price: 39_990, title: product.title, brand: 'acme-pro' },
      admin: true,
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json<ProductView>();
    expect(updated).toMatchObject({ price: 39_990, brand: 'acme-pro', title: product.title, version: 2 });
    expect(response.headers.etag).toBe('"2"');
    expect(updated.created_at).toBe(product.created_at);

    const messages = await catalog.messagesFor(product.id, 2);
    expect(messages[1]?.data).toMatchObject({
      productId: product.id,
      changes: ['price', 'brand'],
      updatedAt: updated.updated_at,
      product: { price: 39_990, brand: 'acme-pro', version: 2 },
    });
  });

  it('leaves version and bus alone when nothing changes', async () => {
    const product = await create();
    const same = await catalog.request('PUT', `/api/products/${product.id}`, {
      body: { price: product.price },
      admin: true,
    });
    expect(same.json<ProductView>().version).toBe(1);
    // The relay publishes in commit order: had the no-op sent a message, it would precede this one.
    await catalog.request('PUT', `/api/products/${product.id}`, { body: { title: 'Renamed' }, admin: true });
    const messages = await catalog.messagesFor(product.id, 2);
    expect(messages.map((m) => (m.data as { changes: string[] }).changes)).toEqual([ALL_CHANGES, ['title']]);
  });

  it('honours If-Match: 412 on a stale version (nothing written), 200 on the current one', async () => {
    const product = await create();
    const url = `/api/products/${product.id}`;
    const stale = await catalog.request('PUT', url, {
      body: { price: 1 },
      headers: { 'if-match': '"7"' },
      admin: true,
    });
    expectProblem(stale, 412);
    expect((await catalog.request('GET', url)).json<ProductView>()).toEqual(product);

    const fresh = await catalog.request('PUT', url, {
      body: { price: 1 },
      headers: { 'if-match': '"1"' },
      admin: true,
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json<ProductView>()).toMatchObject({ price: 1, version: 2 });
    expectProblem(
      await catalog.request('PUT', url, { body: { price: 2 }, headers: { 'if-match': 'v1' }, admin: true }),
      400,
      'if-match',
    );
  });

  it('refuses taking another product sku with 409 naming sku, and 404s an unknown product', async () => {
    const [a, b] = [await create(), await create()];
    const taken = await catalog.request('PUT', `/api/products/${b!.id}`, { body: { sku: a!.sku }, admin: true });
    expectProblem(taken, 409, 'sku');
    expect((await catalog.request('GET', `/api/products/${b!.id}`)).json<ProductView>()).toEqual(b);

    const unknown = '0190f5a4-1c1e-7c3a-8f00-0123456789ab';
    expectProblem(await catalog.request('PUT', `/api/products/${unknown}`, { body: { price: 5 }, admin: true }), 404);
  });
});

describe('the service', () => {
  it('is ready while its database answers and counts product writes in /metrics', async () => {
    expect((await catalog.request('GET', '/health/ready')).statusCode).toBe(200);
    const metrics = await catalog.request('GET', '/metrics');
    expect(metrics.body).toMatch(/catalog_product_writes_total\{[^}]*outcome="created"[^}]*\} [1-9]/);
    expect(metrics.body).toMatch(/catalog_product_writes_total\{[^}]*outcome="unchanged"[^}]*\} [1-9]/);
  });
});
