// Test harness: cart on real (or embedded) adapters with fake catalog and inventory, driven over HTTP inject as the
// gateway would forward customers, guests and services, and fed order events over the bus.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, OrderCreated, type OrderCreatedData } from '@techcorp/contracts';
import type { ServiceHandle } from '@techcorp/platform';
import {
  type Caller,
  createTestInfra,
  injectJson,
  type JsonResponse,
  type TestInfra,
  tapDeliveries,
  waitFor,
} from '@techcorp/platform/testing';
import { expect } from 'vitest';
import type { Cart } from '../cart/cart.model.ts';
import type { CappedLine, DroppedLine } from '../cart/cart.rules.ts';
import { cartKey } from '../cart/cart.store.ts';
import type { CartView } from '../cart/cart.view.ts';
import { cartService } from '../service.ts';
import { type FakeUpstreams, startFakeUpstreams } from './fake-upstreams.ts';

/** The cart view as answered, with the members only some answers carry. */
export type ViewJson = CartView & {
  cart_token?: string;
  capped?: CappedLine[];
  dropped?: DroppedLine[];
};
export interface ProblemJson {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export type Reply = JsonResponse<ViewJson>;

export interface RequestOptions {
  /** Who calls through the gateway: a caller, or null for a guest (the default). */
  as?: Caller | null;
  /** The guest's x-cart-token. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CartHarness {
  infra: TestInfra;
  handle: ServiceHandle;
  fakes: FakeUpstreams;
  request(method: string, url: string, options?: RequestOptions): Promise<Reply>;
  /** The stored cart JSON, read straight from the key-value store. */
  storedCart(cartId: string): Promise<Cart | null>;
  /** Publishes order.created for a checked-out cart and waits until the consumer has handled it. */
  orderCreated(customerId: string, cart: { cartId: string; version: number }): Promise<Envelope>;
  deliver(message: Envelope): Promise<void>;
  close(): Promise<void>;
}

export const customer = (): Caller => ({ subject: randomUUID(), roles: ['USER'] });
export const ordersService: Caller = { subject: 'orders', roles: ['SERVICE'] };

export async function startCart(
  options: { embedded?: boolean; env?: Record<string, string> } = {},
): Promise<CartHarness> {
  const infra = await createTestInfra({
    schema: 'cart',
    migrationsDir: cartService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const fakes = await startFakeUpstreams();
  const processed: string[] = [];
  const handle = await cartService.create({
    logger: infra.logger,
    sql: infra.sql,
    bus: tapDeliveries(infra.bus, processed),
    kv: infra.kv,
    urls: { catalog: fakes.catalogUrl, inventory: fakes.inventoryUrl },
    env: { ...infra.env, ...options.env },
  });
  await handle.start();
  const secret = infra.env.GATEWAY_IDENTITY_SECRET as string;

  const request: CartHarness['request'] = (method, url, { as = null, token, body, headers = {} } = {}) =>
    injectJson<ViewJson>(handle.app, secret, {
      method,
      url,
      as,
      body,
      headers: { ...headers, ...(token === undefined ? {} : { 'x-cart-token': token }) },
    });

  const deliver = async (message: Envelope) => {
    const before = processed.filter((id) => id === message.id).length;
    await infra.bus.publish(message);
    await waitFor(() => processed.filter((id) => id === message.id).length > before, {
      description: `${message.type} ${message.id} handled`,
    });
  };

  return {
    infra,
    handle,
    fakes,
    request,
    async storedCart(cartId) {
      const raw = await infra.kv.get(cartKey(cartId));
      return raw === null ? null : (JSON.parse(raw) as Cart);
    },
    async orderCreated(customerId, cart) {
      const message = orderCreatedFor(customerId, cart);
      await deliver(message);
      return message;
    },
    deliver,
    async close() {
      await handle.stop();
      await fakes.close();
      await infra.close();
    },
  };
}

/** order.created as orders publishes it for an order placed from a checked-out cart. */
export function orderCreatedFor(customerId: string, cart: { cartId: string; version: number }): Envelope {
  const orderId = randomUUID();
  const createdAt = new Date().toISOString();
  const line = {
    productId: randomUUID(),
    sku: 'SKU-1',
    title: 'Thing',
    quantity: 1,
    unitPrice: 1000,
    lineTotal: 1000,
  };
  const base = { orderId, orderNumber: 'TC-2026-000001', customerId, lines: [line], total: 1000, currency: 'BRL' };
  const data: OrderCreatedData = {
    ...base,
    currency: 'BRL',
    createdAt,
    cart,
    snapshot: {
      ...base,
      currency: 'BRL',
      status: 'PENDING',
      failureReason: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
    },
  };
  return createMessage(OrderCreated, data, { aggregateId: orderId, correlationId: `test-${orderId}` });
}

/** Asserts a problem+json answer with this status and, when given, an error naming the field. */
export function expectProblem(response: Reply, status: number, field?: string): ProblemJson {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = response.json<ProblemJson>();
  if (field !== undefined)
    expect(
      problem.errors?.map((e) => e.field),
      response.body,
    ).toContain(field);
  return problem;
}
