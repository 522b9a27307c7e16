// Bad input to POST /api/orders answers 4xx problem+json naming the field, never 5xx, and writes nothing.

import type { Sql } from '@techcorp/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody } from './support/shop.ts';

let shop: PlatformUnderTest;
let orders: Sql;
let product: string;

beforeAll(async () => {
  shop = await startPlatformUnderTest();
  orders = await shop.sql('orders');
  product = await createStockedProduct(shop, 1000, { main: 5 });
});
afterAll(async () => {
  await shop?.close();
});

const withItem = (item: unknown) => ({ ...orderBody('00000000-0000-4000-8000-000000000000', 1), items: [item] });
const without = (field: string) => {
  const body: Record<string, unknown> = { ...orderBody('00000000-0000-4000-8000-000000000000', 1) };
  delete body[field];
  return body;
};

describe('POST /api/orders with bad input', () => {
  const cases: [string, () => { body?: unknown; raw?: string; headers?: Record<string, string> }, number, RegExp][] = [
    [
      'unknown product',
      () => ({ body: orderBody('00000000-0000-4000-8000-000000000000', 1) }),
      422,
      /items\.0\.product_id/,
    ],
    ['quantity 0', () => ({ body: withItem({ product_id: product, quantity: 0 }) }), 400, /items\.0\.quantity/],
    ['negative quantity', () => ({ body: withItem({ product_id: product, quantity: -2 }) }), 400, /items\.0\.quantity/],
    [
      'fractional quantity',
      () => ({ body: withItem({ product_id: product, quantity: 1.5 }) }),
      400,
      /items\.0\.quantity/,
    ],
    ['huge quantity', () => ({ body: withItem({ product_id: product, quantity: 1e12 }) }), 400, /items\.0\.quantity/],
    [
      'quantity as a string',
      () => ({ body: withItem({ product_id: product, quantity: '2' }) }),
      400,
      /items\.0\.quantity/,
    ],
    [
      'malformed product id',
      () => ({ body: withItem({ product_id: 'abc', quantity: 1 }) }),
      400,
      /items\.0\.product_id/,
    ],
    ['missing items', () => ({ body: without('items') }), 400, /items/],
    ['missing currency', () => ({ body: without('currency') }), 400, /currency/],
    [
      'a cart_id together with items',
      () => ({ body: { ...orderBody(product, 1), cart_id: '0190f5d6-0000-7000-8000-000000000001' } }),
      400,
      /cart_id/,
    ],
    [
      'customer_id in the body (the customer is the caller, never a field)',
      () => ({ body: { ...orderBody(product, 1), customer_id: 'someone-else' } }),
      400,
      /customer_id/,
    ],
    ['status in the body', () => ({ body: { ...orderBody(product, 1), status: 'CONFIRMED' } }), 400, /status/],
    [
      'unit price in an item',
      () => ({ body: withItem({ product_id: product, quantity: 1, unit_price: 1 }) }),
      400,
      /unit_price/,
    ],
    ['missing shipping address', () => ({ body: without('shipping_address') }), 400, /shipping_address/],
    [
      'both an inline and a saved address',
      () => ({ body: { ...orderBody(product, 1), shipping_address_id: '0190f5d6-0000-7000-8000-000000000001' } }),
      400,
      /shipping_address_id/,
    ],
    ['missing payment', () => ({ body: without('payment') }), 400, /payment/],
    ['missing shipping address', () => ({ body: without('shipping_address') }), 400, /shipping_address/],
    ['empty items', () => ({ body: { ...orderBody(product, 1), items: [] } }), 400, /items/],
    ['unknown currency', () => ({ body: { ...orderBody(product, 1), currency: 'XYZ' } }), 400, /currency/],
    [
      'currency differing from the price',
      () => ({ body: { ...orderBody(product, 1), currency: 'USD' } }),
      422,
      /currency/,
    ],
    [
      'bad card token',
      () => ({
        body: { ...orderBody(product, 1), payment: { method: 'credit_card', card_token: '4111111111111111' } },
      }),
      400,
      /card_token/,
    ],
    ['client-supplied price', () => ({ body: { ...orderBody(product, 1), total: 1 } }), 400, /total/],
    [
      'duplicate product lines',
      () => ({
        body: {
          ...orderBody(product, 1),
          items: [
            { product_id: product, quantity: 1 },
            { product_id: product, quantity: 1 },
          ],
        },
      }),
      400,
      /items\.1\.product_id/,
    ],
    ['malformed JSON', () => ({ raw: '{"customer_id": "c1", "items": [' }), 400, /JSON|body/i],
    [
      'oversized body',
      () => ({ raw: JSON.stringify({ ...orderBody(product, 1), pad: 'x'.repeat(200_000) }) }),
      413,
      /large|size|limit/i,
    ],
    [
      'not JSON',
      () => ({ raw: 'items=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      /media type|content-type/i,
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, field) => {
    const { rows: before } = await orders.query<{ n: number }>('SELECT count(*)::int AS n FROM order_events');
    const res = await http(`${shop.urls.orders}/api/orders`, { ...request() });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(field);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
    const { rows: after } = await orders.query<{ n: number }>('SELECT count(*)::int AS n FROM order_events');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('unknown order ids: 400 when malformed, 404 when absent', async () => {
    expect((await http(`${shop.urls.orders}/api/orders/nope`)).status).toBe(400);
    const missing = await http(`${shop.urls.orders}/api/orders/0190f5d6-0000-7000-8000-000000000999`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
