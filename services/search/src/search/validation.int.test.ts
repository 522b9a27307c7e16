// Every bad search or suggest parameter answers 400 problem+json naming it, never a 5xx; the API is public.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from '../testing/product-fixtures.ts';
import { expectProblem, type SearchHarness, startSearch } from '../testing/search-harness.ts';

let h: SearchHarness;

beforeAll(async () => {
  h = await startSearch();
  await h.index(product({ title: 'Canvas Tote Bag', category: 'bags', attributes: { color: ['natural'] } }));
});
afterAll(async () => {
  await h?.close();
});

describe('bad search parameters', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['page=0', 'page'],
    ['page=101', 'page'],
    ['page=1.5', 'page'],
    ['sort=cheapest', 'sort'],
    ['in_stock=maybe', 'in_stock'],
    ['price_min=-1', 'price_min'],
    ['price_max=99999999999', 'price_max'],
    ['price_min=5000&price_max=100', 'price_max'],
    ['category=', 'category'],
    ['category=a,,b', 'category'],
    [`brand=${'x'.repeat(101)}`, 'brand'],
    [Array.from({ length: 21 }, (_, i) => `brand=b${i}`).join('&'), 'brand'],
    ['attr.color=', 'attr.color'],
    ['attr.=blue', 'attr.'],
    ['attr.col%20or=blue', 'attr.col or'],
    ['colour=blue', 'colour'],
    ['q=%25%25%25', 'q'],
    [`q=${'a'.repeat(201)}`, 'q'],
    ['q=a&q=b', 'q'],
  ])('%s -> 400 naming %s', async (query, field) => {
    expectProblem(await h.request(`/api/search?${query}`), 400, field);
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%3F%3F', 'q'],
    ['q=tote&limit=21', 'limit'],
    ['q=tote&category=bags', 'category'],
  ])('suggest?%s -> 400 naming %s', async (query, field) => {
    expectProblem(await h.request(`/api/search/suggest?${query}`), 400, field);
  });
});

describe('good parameters', () => {
  it('accept every documented form, anonymous or signed in', async () => {
    const query =
      'q=tote&category=bags&brand=techcorp-basics&in_stock=true&price_min=0&price_max=5000' +
      '&attr.color=natural,red&sort=price_desc&page=1&limit=5';
    const result = await h.search(query);
    expect(result).toMatchObject({ total: 1, page: 1, limit: 5, corrected_query: null });
    const signedIn = await h.request(`/api/search?${query}`, { as: customerCaller('customer-1') });
    expect(signedIn.statusCode).toBe(200);
    expect(await h.search('')).toMatchObject({ total: 1, page: 1, limit: 20 });
    expect(await h.search('q=')).toMatchObject({ total: 1 });
  });
});
