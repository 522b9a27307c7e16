// Integration-test harness: the catalog on real PostgreSQL and RabbitMQ, a tap on what it publishes, stock events in.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, InventoryStockChanged } from '@techcorp/contracts';
import type { ServiceHandle, Subscription } from '@techcorp/platform';
import {
  adminCaller,
  type Caller,
  createTestInfra,
  injectJson,
  type JsonResponse,
  type TestInfra,
  tapDeliveries,
  waitFor,
} from '@techcorp/platform/testing';
import { expect } from 'vitest';
import { catalogService } from '../service.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type CatalogResponse = JsonResponse;

export interface CatalogHarness {
  infra: TestInfra;
  handle: ServiceHandle;
  /** Every product.updated the service published, in arrival order. */
  published: Envelope[];
  request(
    method: Method,
    url: string,
    /** `admin: true` is shorthand for `as: adminCaller()`; without either the caller is anonymous. */
    options?: { body?: unknown; headers?: Record<string, string>; admin?: boolean; as?: Caller },
  ): Promise<CatalogResponse>;
  /** Waits until a product.updated for the product arrives and returns all seen for it so far. */
  messagesFor(productId: string, count?: number): Promise<Envelope[]>;
  /** Creates (or renames) categories and brands by slug, as an admin; the name is the slug upper-cased. */
  terms(terms: { categories?: string[]; brands?: string[] }): Promise<void>;
  /** Publishes messages to the bus and waits until the catalog's consumer has finished each delivery. */
  deliver(...messages: Envelope[]): Promise<void>;
  close(): Promise<void>;
}

/** The categories and brands every harness starts with: those of newProduct(). */
export const DEFAULT_TERMS = { categories: ['footwear'], brands: ['acme'] };

/** An inventory.stock_changed as inventory sends it; occurredAt decides which of two late events wins. */
export function stockChanged(productId: string, available: number, occurredAt = new Date().toISOString()): Envelope {
  return createMessage(
    InventoryStockChanged,
    { productId, available, onHand: Math.max(available, 0) + 2, reserved: 2 },
    { aggregateId: productId, correlationId: `test-${randomUUID()}`, occurredAt },
  );
}

export async function startCatalogHarness(): Promise<CatalogHarness> {
  const infra = await createTestInfra({ schema: 'products', migrationsDir: catalogService.migrationsDir });
  const published: Envelope[] = [];
  const processed: string[] = [];
  let subscription: Subscription | undefined;
  let handle: ServiceHandle | undefined;
  try {
    subscription = await infra.bus.subscribe(
      { queue: 'catalog-test-product-updated', routingKeys: ['product.updated'] },
      async (message) => {
        published.push(message);
      },
    );
    handle = await catalogService.create({
      logger: infra.logger,
      sql: infra.sql,
      bus: tapDeliveries(infra.bus, processed),
      kv: infra.kv,
      urls: {},
      env: infra.env,
    });
    await handle.start();
  } catch (error) {
    await handle?.stop().catch(() => {});
    await subscription?.close().catch(() => {});
    await infra.close();
    throw error;
  }
  const started = handle;

  const request: CatalogHarness['request'] = async (method, url, { body, headers = {}, admin = false, as } = {}) => {
    const caller = as ?? (admin ? adminCaller() : null);
    return injectJson(started.app, infra.env.GATEWAY_IDENTITY_SECRET as string, {
      method,
      url,
      as: caller ?? undefined,
      body,
      headers,
    });
  };

  const messagesFor = async (productId: string, count = 1) => {
    const matching = () => published.filter((m) => m.aggregateId === productId);
    await waitFor(() => matching().length >= count, { description: `${count} product.updated for ${productId}` });
    return matching();
  };

  const terms: CatalogHarness['terms'] = async ({ categories = [], brands = [] }) => {
    const puts = [
      ...categories.map((slug) => [`/api/categories/${slug}`, slug] as const),
      ...brands.map((slug) => [`/api/brands/${slug}`, slug] as const),
    ];
    for (const [url, slug] of puts) {
      const response = await request('PUT', url, { body: { name: slug.toUpperCase() }, admin: true });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
  };

  const count = (id: string) => processed.filter((x) => x === id).length;
  const deliver = async (...messages: Envelope[]) => {
    const expected = new Map<string, number>();
    for (const m of messages) expected.set(m.id, (expected.get(m.id) ?? count(m.id)) + 1);
    for (const m of messages) await infra.bus.publish(m);
    await waitFor(() => [...expected].every(([id, n]) => count(id) >= n), {
      description: `${messages.length} deliveries processed`,
      timeoutMs: 15_000,
    });
  };

  const close = async () => {
    await started.stop();
    await subscription?.close();
    await infra.close();
  };
  try {
    await terms(DEFAULT_TERMS);
  } catch (error) {
    await close();
    throw error;
  }
  return { infra, handle: started, published, request, messagesFor, terms, deliver, close };
}

/** A valid create request; override what the test is about. */
export const newProduct = (overrides: Record<string, unknown> = {}) => ({
  sku: `SKU-${randomUUID().slice(0, 8).toUpperCase()}`,
  title: 'Trail running shoe',
  description: 'Light, grippy, waterproof.',
  price: 45_990,
  currency: 'BRL',
  category: 'footwear',
  brand: 'acme',
  ...overrides,
});

/** Asserts a problem+json answer with this status and, when given, an error naming the field. */
export function expectProblem(response: CatalogResponse, status: number, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = response.json<{ status: number; errors?: { field: string }[] }>();
  expect(problem.status).toBe(status);
  if (field !== undefined)
    expect(
      problem.errors?.map((e) => e.field),
      response.body,
    ).toContain(field);
}
