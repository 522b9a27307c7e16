// Every admin route of the catalog: anonymous and forged callers get 401, customers 403, and nothing changes.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from './product/product.schemas.ts';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from './testing/catalog-harness.ts';

let catalog: CatalogHarness;
let product: ProductView;

beforeAll(async () => {
  catalog = await startCatalogHarness();
  await catalog.terms({ categories: ['guarded'], brands: ['guarded'] });
  product = (await catalog.request('POST', '/api/products', { body: newProduct(), admin: true })).json<ProductView>();
});
afterAll(async () => {
  await catalog?.close();
});

/** `:id` stands for the product made in beforeAll. */
type Route = ['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown];
const routes: Route[] = [
  ['POST', '/api/products', newProduct()],
  ['PUT', '/api/products/:id', { price: 1 }],
  ['POST', '/api/products/:id/archive', undefined],
  ['PUT', '/api/categories/guarded', { name: 'Taken over' }],
  ['PUT', '/api/categories/new-one', { name: 'New' }],
  ['DELETE', '/api/categories/guarded', undefined],
  ['PUT', '/api/brands/guarded', { name: 'Taken over' }],
  ['DELETE', '/api/brands/guarded', undefined],
  ['GET', '/admin/dead-letters', undefined],
  ['GET', '/admin/dead-letters/catalog.stock-events', undefined],
  ['POST', '/admin/dead-letters/catalog.stock-events/replay', undefined],
];
const forged = { authorization: 'Bearer not-a-token', 'x-user-id': 'someone', 'x-user-roles': 'ADMIN' };
const customer = customerCaller('0190f5a4-1c1e-7c3a-8f00-00000000c001');

describe.each(routes)('%s %s', (method, path, body) => {
  const url = () => path.replace(':id', product.id);
  it('is 401 for anonymous and forged callers and 403 for a customer', async () => {
    expectProblem(await catalog.request(method, url(), { body }), 401);
    expectProblem(await catalog.request(method, url(), { body, headers: forged }), 401);
    expectProblem(await catalog.request(method, url(), { body, as: customer }), 403);
  });
});

describe('after every refused call', () => {
  it('the product, the category and the brand are as they were, and nothing new exists', async () => {
    expect((await catalog.request('GET', `/api/products/${product.id}`)).json()).toEqual(product);
    expect((await catalog.request('GET', '/api/categories/guarded')).json()).toMatchObject({ name: 'GUARDED' });
    expect((await catalog.request('GET', '/api/brands/guarded')).json()).toMatchObject({ name: 'GUARDED' });
    expect((await catalog.request('GET', '/api/categories/new-one')).statusCode).toBe(404);
    const all = await catalog.request('GET', '/api/products?include_archived=true');
    expect(all.json<{ items: ProductView[] }>().items).toEqual([product]);
  });

  it('the public reads stay open to anonymous callers', async () => {
    for (const url of ['/api/products', `/api/products/${product.id}`, '/api/categories', '/api/brands'])
      expect((await catalog.request('GET', url)).statusCode, url).toBe(200);
  });
});
