// Hostile and broken requests against the product API: each is a 4xx problem naming the field, and nothing is written.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../app.ts';
import { catalogService } from '../service.ts';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from '../testing/catalog-harness.ts';
import { encodeCursor } from './product.policy.ts';
import type { ProductPage, ProductView } from './product.schemas.ts';

let catalog: CatalogHarness;
let existing: ProductView;
const UNKNOWN_ID = '0190f5a4-1c1e-7c3a-8f00-0123456789ab';

beforeAll(async () => {
  catalog = await startCatalogHarness();
  const response = await catalog.request('POST', '/api/products', { body: newProduct(), admin: true });
  existing = response.json<ProductView>();
});
afterAll(async () => {
  await catalog?.close();
});

const rejected = (overrides: Record<string, unknown>) => newProduct({ category: 'rejected', ...overrides });

describe('admin routes', () => {
  it('turn away anonymous callers and forged identities (401) and customers (403)', async () => {
    const body = rejected({});
    const forged = { authorization: 'Bearer not-a-token', 'x-user-id': 'someone', 'x-user-roles': 'ADMIN' };
    const url = `/api/products/${existing.id}`;
    const customer = customerCaller('0190f5a4-1c1e-7c3a-8f00-00000000c001');
    expectProblem(await catalog.request('POST', '/api/products', { body }), 401);
    expectProblem(await catalog.request('POST', '/api/products', { body, headers: forged }), 401);
    expectProblem(await catalog.request('PUT', url, { body: { price: 1 } }), 401);
    expectProblem(await catalog.request('PUT', url, { body: { price: 1 }, headers: forged }), 401);
    expectProblem(await catalog.request('POST', '/api/products', { body, as: customer }), 403);
    expectProblem(await catalog.request('PUT', url, { body: { price: 1 }, as: customer }), 403);
  });

  it('cannot be served at all without the gateway secret: the service refuses to boot', async () => {
    const { GATEWAY_IDENTITY_SECRET: _secret, ...env } = catalog.infra.env;
    const { logger, sql, bus, kv } = catalog.infra;
    await expect(catalogService.create({ logger, sql, bus, kv, urls: {}, env })).rejects.toThrow(
      /GATEWAY_IDENTITY_SECRET is required/,
    );
  });
});

describe('creating a product from bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['negative price', rejected({ price: -100 }), 'price'],
    ['zero price', rejected({ price: 0 }), 'price'],
    ['fractional price', rejected({ price: 10.5 }), 'price'],
    ['price above 10^10', rejected({ price: 10_000_000_001 }), 'price'],
    ['astronomical price', rejected({ price: 1e30 }), 'price'],
    ['price as text', rejected({ price: '4599' }), 'price'],
    ['price as boolean', rejected({ price: true }), 'price'],
    ['unknown currency', rejected({ currency: 'XYZ' }), 'currency'],
    ['lower-case currency', rejected({ currency: 'brl' }), 'currency'],
    ['short sku', rejected({ sku: 'AB' }), 'sku'],
    ['lower-case sku', rejected({ sku: 'abc-123' }), 'sku'],
    ['long sku', rejected({ sku: 'A'.repeat(41) }), 'sku'],
    ['missing sku', rejected({ sku: undefined }), 'sku'],
    ['empty title', rejected({ title: '' }), 'title'],
    ['long title', rejected({ title: 'x'.repeat(201) }), 'title'],
    ['long description', rejected({ description: 'x'.repeat(5001) }), 'description'],
    ['long category', rejected({ category: 'c'.repeat(101) }), 'category'],
    ['mass-assigned id', rejected({ id: UNKNOWN_ID }), 'id'],
    ['mass-assigned version', rejected({ version: 99 }), 'version'],
    ['mass-assigned created_at', rejected({ created_at: '2020-01-01T00:00:00Z' }), 'created_at'],
    ['status on create', rejected({ status: 'ARCHIVED' }), 'status'],
    ['unknown field', rejected({ discount: 50 }), 'discount'],
    ['mass-assigned in_stock', rejected({ in_stock: true }), 'in_stock'],
    ['mass-assigned updated_at', rejected({ updated_at: '2020-01-01T00:00:00Z' }), 'updated_at'],
    ['category not a slug', rejected({ category: 'Foot Wear' }), 'category'],
    ['brand not a slug', rejected({ brand: 'ACME' }), 'brand'],
    ['empty brand', rejected({ brand: '' }), 'brand'],
  ];

  it.each(cases)('%s is a 400 naming the field', async (_name, body, field) => {
    expectProblem(await catalog.request('POST', '/api/products', { body, admin: true }), 400, field);
  });

  it('malformed JSON is a 400 problem', async () => {
    const response = await catalog.request('POST', '/api/products', { body: '{"sku": "ABC-1",', admin: true });
    expectProblem(response, 400);
  });

  it('an oversized body is a 413 problem', async () => {
    const body = rejected({ description: 'x'.repeat(BODY_LIMIT) });
    expectProblem(await catalog.request('POST', '/api/products', { body, admin: true }), 413);
  });
});

describe('updating a product from bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['zero price', { price: 0 }, 'price'],
    ['unknown status', { status: 'DELETED' }, 'status'],
    ['mass-assigned version', { price: 5, version: 99 }, 'version'],
    ['mass-assigned id', { id: UNKNOWN_ID }, 'id'],
    ['mass-assigned updated_at', { updated_at: '2020-01-01T00:00:00Z' }, 'updated_at'],
    ['in_stock', { in_stock: true }, 'in_stock'],
    ['mass-assigned created_at', { created_at: '2020-01-01T00:00:00Z' }, 'created_at'],
    ['category not a slug', { category: 'Shoes & Boots' }, 'category'],
  ];

  it.each(cases)('%s is a 400 naming the field', async (_name, body, field) => {
    const url = `/api/products/${existing.id}`;
    expectProblem(await catalog.request('PUT', url, { body, admin: true }), 400, field);
  });

  it('an unknown category or brand is a 422 naming it, on create and on update, and writes nothing', async () => {
    const create = (overrides: Record<string, unknown>) =>
      catalog.request('POST', '/api/products', { body: rejected(overrides), admin: true });
    expectProblem(await create({ category: 'no-such-category', brand: 'acme' }), 422, 'category');
    expectProblem(await create({ category: 'footwear', brand: 'no-such-brand' }), 422, 'brand');
    const both = await create({ category: 'ghost', brand: 'ghost' });
    expectProblem(both, 422, 'category');
    expectProblem(both, 422, 'brand');
    const url = `/api/products/${existing.id}`;
    expectProblem(await catalog.request('PUT', url, { body: { category: 'ghost' }, admin: true }), 422, 'category');
    expectProblem(await catalog.request('PUT', url, { body: { brand: 'ghost', price: 1 }, admin: true }), 422, 'brand');
    expect((await catalog.request('GET', url)).json<ProductView>()).toEqual(existing);
  });

  it('an empty update is a 400, and the product is still at version 1', async () => {
    const url = `/api/products/${existing.id}`;
    expectProblem(await catalog.request('PUT', url, { body: {}, admin: true }), 400);
    expect((await catalog.request('GET', url)).json<ProductView>()).toEqual(existing);
  });
});

describe('listing products with bad query parameters', () => {
  const forged = encodeCursor({ createdAt: '2026-01-01T00:00:00.000000Z', id: 'x' });
  const cases: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['cursor=%25%25%25', 'cursor'],
    [`cursor=${forged}`, 'cursor'],
    [`cursor=${Buffer.from('garbage').toString('base64url')}`, 'cursor'],
    ['ids=123', 'ids'],
    [`ids=${Array.from({ length: 101 }, () => UNKNOWN_ID).join(',')}`, 'ids'],
    ['include_archived=maybe', 'include_archived'],
    ['category=', 'category'],
    ['colour=red', 'colour'],
  ];

  it.each(cases)('%s is a 400 naming the parameter', async (query, field) => {
    expectProblem(await catalog.request('GET', `/api/products?${query}`), 400, field);
  });
});

describe('after all the rejected requests', () => {
  it('nothing was written and only the valid products were announced', async () => {
    const listed = await catalog.request('GET', '/api/products?include_archived=true&limit=100');
    expect(listed.json<ProductPage>().items).toEqual([existing]);

    const sentinel = (
      await catalog.request('POST', '/api/products', { body: newProduct(), admin: true })
    ).json<ProductView>();
    await catalog.messagesFor(sentinel.id);
    // Messages leave in commit order, so anything a rejected request had enqueued would have arrived by now.
    expect(catalog.published.map((m) => m.aggregateId)).toEqual([existing.id, sentinel.id]);
  });
});
