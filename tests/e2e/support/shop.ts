// Test fixtures through the public APIs: products with stock, orders, and what the provider sandbox saw.
import { randomBytes } from 'node:crypto';
import type { Caller } from '@techcorp/platform/testing';
import { expect } from 'vitest';
import { http } from './http.ts';

export interface Shop {
  urls: Record<string, string>;
}

/** The catalog's category and brand for e2e products; PUT is an upsert, so every call may (re)create them. */
export async function ensureE2eTaxonomy(shop: Shop): Promise<void> {
  for (const path of ['/api/categories/e2e', '/api/brands/e2e']) {
    const res = await http(`${shop.urls.catalog}${path}`, { method: 'PUT', admin: true, body: { name: 'E2E' } });
    expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  }
}

export async function createStockedProduct(shop: Shop, price: number, stock: Record<string, number>): Promise<string> {
  await ensureE2eTaxonomy(shop);
  const sku = `E2E-${randomBytes(4).toString('hex').toUpperCase()}`;
  const created = await http(`${shop.urls.catalog}/api/products`, {
    admin: true,
    body: { sku, title: `Product ${sku}`, description: 'e2e', price, currency: 'BRL', category: 'e2e', brand: 'e2e' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (const [warehouse, quantity] of Object.entries(stock)) {
    const wh = await http(`${shop.urls.inventory}/api/inventory/warehouses/${warehouse}`, {
      method: 'PUT',
      admin: true,
      body: { name: `Warehouse ${warehouse}` },
    });
    expect(wh.status, JSON.stringify(wh.body)).toBe(200);
    const res = await http(`${shop.urls.inventory}/api/inventory/restock`, {
      admin: true,
      body: { product_id: created.body.id, warehouse_id: warehouse, quantity },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
  return created.body.id;
}

export const address = {
  name: 'Ana Souza',
  line1: 'Rua Augusta 100',
  city: 'São Paulo',
  postal_code: '01304-000',
  country: 'BR',
};

/** An order's body; the customer is whoever sends it (http's `as`), never a field. */
export function orderBody(productId: string, quantity: number, cardToken = 'tok_visa') {
  return {
    items: [{ product_id: productId, quantity }],
    currency: 'BRL',
    payment: { method: 'credit_card', card_token: cardToken },
    shipping_address: address,
  };
}

export async function placeAndWait(shop: Shop, body: unknown, headers: Record<string, string> = {}, as?: Caller) {
  return http(`${shop.urls.orders}/api/orders`, { body, headers: { prefer: 'wait=25', ...headers }, as });
}

/** Polls the order until its status is one of `statuses` (bounded). */
export async function waitForStatus(shop: Shop, orderId: string, statuses: string[], timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await http(`${shop.urls.orders}/api/orders/${orderId}`, { admin: true });
    if (
      statuses.includes(res.body.status) &&
      !(
        res.body.saga &&
        ['STARTED', 'INVENTORY_RESERVED', 'PAYMENT_PROCESSING', 'COMPENSATING'].includes(res.body.saga.state)
      )
    )
      return res.body;
    if (Date.now() > until)
      throw new Error(`order ${orderId} stayed ${res.body.status} (${JSON.stringify(res.body.saga)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stockOf(shop: Shop, productId: string) {
  const res = await http(`${shop.urls.inventory}/api/inventory/${productId}`);
  expect(res.status).toBe(200);
  return res.body as { on_hand: number; reserved: number; available: number };
}

export interface SandboxCharge {
  id: string;
  status: string;
  amount: number;
  metadata?: Record<string, string>;
}

export async function chargesFor(shop: Shop, orderId: string): Promise<SandboxCharge[]> {
  const res = await http(`${shop.urls['payment-provider']}/v1/charges`);
  const list: SandboxCharge[] = Array.isArray(res.body) ? res.body : res.body.data;
  return list.filter((c) => c.metadata?.order_id === orderId);
}
