// Merchandising fields on real PostgreSQL and RabbitMQ: written, normalised, read back, announced once per real change.
import { type Envelope, type ProductSnapshot, validateEnvelope } from '@techcorp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from '../testing/catalog-harness.ts';
import type { ProductPage, ProductView } from './product.schemas.ts';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalogHarness();
  await catalog.terms({ categories: ['t-shirts', 'merch'], brands: ['techcorp-basics'] });
});
afterAll(async () => {
  await catalog?.close();
});

type UpdatedData = { productId: string; changes: string[]; updatedAt: string; product: ProductSnapshot };
const dataOf = (message: Envelope | undefined) => validateEnvelope(message).data as UpdatedData;

const merch = {
  original_price: 11_990,
  price: 8_990,
  category: 't-shirts',
  brand: 'techcorp-basics',
  attributes: { size: ['S', 'm', 'M', ' L '], color: ['Blue', 'red', 'BLUE'] },
  images: [{ url: 'https://CDN.Example.com/ts/blue.jpg', alt: 'Front' }, { url: 'https://cdn.example.com/ts/b.jpg' }],
  popularity_score: 0.85,
};

const create = async (overrides: Record<string, unknown> = {}) => {
  const response = await catalog.request('POST', '/api/products', { body: newProduct(overrides), admin: true });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ProductView>();
};
const put = (id: string, body: Record<string, unknown>) =>
  catalog.request('PUT', `/api/products/${id}`, { body, admin: true });

describe('creating a product with every merchandising field', () => {
  it('stores them normalised, reads them back, lists them, and announces a snapshot the contract accepts', async () => {
    const created = await create(merch);
    expect(created).toMatchObject({
      price: 8_990,
      original_price: 11_990,
      attributes: { size: ['s', 'm', 'l'], color: ['blue', 'red'] },
      images: [
        { url: 'https://cdn.example.com/ts/blue.jpg', alt: 'Front' },
        { url: 'https://cdn.example.com/ts/b.jpg' },
      ],
      popularity_score: 0.85,
      in_stock: false,
      status: 'ACTIVE',
      version: 1,
    });
    expect((await catalog.request('GET', `/api/products/${created.id}`)).json()).toEqual(created);
    const page = (await catalog.request('GET', `/api/products?ids=${created.id}`)).json<ProductPage>();
    expect(page.items).toEqual([created]);
    const reindex = await catalog.request('GET', '/api/products?limit=100&include_archived=true&category=t-shirts');
    expect(reindex.json<ProductPage>().items).toContainEqual(created);

    const [message] = await catalog.messagesFor(created.id);
    const data = dataOf(message);
    expect(data.changes).toContain('original_price');
    expect(data.changes).toContain('in_stock');
    expect(data.product).toEqual({
      productId: created.id,
      sku: created.sku,
      title: created.title,
      description: created.description,
      price: 8_990,
      originalPrice: 11_990,
      currency: 'BRL',
      category: 't-shirts',
      brand: 'techcorp-basics',
      attributes: { size: ['s', 'm', 'l'], color: ['blue', 'red'] },
      images: ['https://cdn.example.com/ts/blue.jpg', 'https://cdn.example.com/ts/b.jpg'],
      popularityScore: 0.85,
      inStock: false,
      status: 'ACTIVE',
      version: 1,
      updatedAt: created.updated_at,
    });
  });
});

describe('updating merchandising fields', () => {
  it('publishes exactly the changed fields with the snapshot at the new version, once per real change', async () => {
    const product = await create(merch);
    const sale = await put(product.id, { price: 6_990, attributes: { color: ['red', 'blue'], size: ['s', 'm', 'l'] } });
    expect(sale.statusCode, sale.body).toBe(200);
    expect(sale.json<ProductView>()).toMatchObject({ price: 6_990, original_price: 11_990, version: 2 });

    // Same values again, attributes spelt differently but equal once normalised, images re-sent: nothing changes.
    const same = await put(product.id, {
      price: 6_990,
      attributes: { size: ['S', 'M', 'L'], color: ['RED', 'Blue'] },
      images: sale.json<ProductView>().images,
      popularity_score: 0.85,
    });
    expect(same.json<ProductView>()).toEqual(sale.json<ProductView>());

    const cleared = await put(product.id, { original_price: null, images: [], popularity_score: 1, category: 'merch' });
    expect(cleared.json<ProductView>()).toMatchObject({
      original_price: null,
      images: [],
      popularity_score: 1,
      category: 'merch',
      version: 3,
    });

    const messages = await catalog.messagesFor(product.id, 3);
    expect(messages).toHaveLength(3);
    const [, second, third] = messages.map(dataOf);
    expect(second?.changes).toEqual(['price', 'attributes']);
    expect(second?.product).toMatchObject({ price: 6_990, attributes: { color: ['red', 'blue'] }, version: 2 });
    expect(third?.changes).toEqual(['original_price', 'category', 'images', 'popularity_score']);
    expect(third?.product).toMatchObject({ originalPrice: null, images: [], popularityScore: 1, version: 3 });
    expect(third?.updatedAt).toBe(cleared.json<ProductView>().updated_at);
  });

  it('refuses a price above the stored original_price, and an original_price below the stored price (400)', async () => {
    const product = await create(merch);
    expectProblem(await put(product.id, { price: 12_000 }), 400, 'price');
    expectProblem(await put(product.id, { original_price: 8_000 }), 400, 'original_price');
    expectProblem(await put(product.id, { price: 9_000, original_price: 8_999 }), 400, 'original_price');
    expect((await catalog.request('GET', `/api/products/${product.id}`)).json()).toEqual(product);
    // Moving both together is fine.
    expect((await put(product.id, { price: 12_000, original_price: 15_000 })).statusCode).toBe(200);
  });
});

describe('archiving a product', () => {
  it('sets ARCHIVED once, announces it, hides it from listings, and answers the same on a repeat', async () => {
    const product = await create({ category: 'merch' });
    const url = `/api/products/${product.id}/archive`;
    const archived = await catalog.request('POST', url, { admin: true });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json<ProductView>()).toMatchObject({ status: 'ARCHIVED', version: 2 });
    expect(archived.headers.etag).toBe('"2"');

    const again = await catalog.request('POST', url, { admin: true });
    expect(again.json<ProductView>()).toEqual(archived.json<ProductView>());
    expect((await catalog.request('GET', '/api/products?category=merch')).json<ProductPage>().items).not.toContainEqual(
      expect.objectContaining({ id: product.id }),
    );

    // Back to ACTIVE through PUT; the relay keeps commit order, so a message for the repeat would come before it.
    expect((await put(product.id, { status: 'ACTIVE' })).json<ProductView>().version).toBe(3);
    const messages = (await catalog.messagesFor(product.id, 3)).map(dataOf);
    expect(messages.map((m) => m.changes)).toEqual([expect.any(Array), ['status'], ['status']]);
    expect(messages.map((m) => m.product.status)).toEqual(['ACTIVE', 'ARCHIVED', 'ACTIVE']);
  });

  it('honours If-Match and answers 404 for an unknown product', async () => {
    const product = await create();
    const url = `/api/products/${product.id}/archive`;
    expectProblem(await catalog.request('POST', url, { admin: true, headers: { 'if-match': '"5"' } }), 412);
    expect((await catalog.request('GET', `/api/products/${product.id}`)).json<ProductView>().status).toBe('ACTIVE');
    const unknown = '/api/products/0190f5a4-1c1e-7c3a-8f00-0123456789ab/archive';
    expectProblem(await catalog.request('POST', unknown, { admin: true }), 404);
    expectProblem(await catalog.request('POST', '/api/products/nope/archive', { admin: true }), 400, 'id');
  });
});
