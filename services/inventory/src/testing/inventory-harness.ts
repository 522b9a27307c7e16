// Test harness: inventory on real (or embedded) adapters, driven over HTTP inject and the bus, its events recorded.
import { randomUUID } from 'node:crypto';
import {
  createMessage,
  type Envelope,
  InventoryConfirm,
  InventoryRelease,
  InventoryReserve,
  type MessageDefinition,
} from '@techcorp/contracts';
import {
  adminCaller,
  type Caller,
  createTestInfra,
  gatewayHeaders,
  type TestInfra,
  waitFor,
} from '@techcorp/platform/testing';
import type { LightMyRequestResponse } from 'fastify';
import { type InventoryHandle, inventoryService } from '../service.ts';
import { availableKey } from '../stock/available-counters.ts';
import { inventoryChecks } from './inventory-checks.sql.ts';

const EVENT_TYPES = [
  'inventory.reserved',
  'inventory.reservation_failed',
  'inventory.confirmed',
  'inventory.confirmation_failed',
  'inventory.released',
  'inventory.stock_changed',
];

export const COMMANDS = { reserve: InventoryReserve, confirm: InventoryConfirm, release: InventoryRelease };

export interface Harness {
  infra: TestInfra;
  handle: InventoryHandle;
  checks: ReturnType<typeof inventoryChecks>;
  /** Every inventory event published on the bus so far, in arrival order. */
  events: Envelope[];
  /** Headers that make `method url` come from an admin through the gateway. */
  adminHeaders(method: string, url: string): Record<string, string>;
  /** POST as `as` (an admin unless given; null = anonymous), with extra headers. */
  post(
    url: string,
    body: unknown,
    headers?: Record<string, string>,
    as?: Caller | null,
  ): Promise<LightMyRequestResponse>;
  /** GET as `as` (anonymous unless given). */
  get(url: string, as?: Caller | null): Promise<LightMyRequestResponse>;
  addWarehouse(id: string): Promise<void>;
  restock(productId: string, quantity: number, warehouseId?: string): Promise<void>;
  /** Publishes a command envelope as orders would; returns it (publish it again to simulate a redelivery). */
  send(
    def: MessageDefinition,
    data: { orderId: string; [field: string]: unknown },
    envelope?: Envelope,
  ): Promise<Envelope>;
  /** Waits until an event matching the predicate has arrived and returns it. */
  waitForEvent(match: (e: Envelope) => boolean, description: string): Promise<Envelope>;
  counter(productId: string): Promise<string | null>;
  close(): Promise<void>;
}

export async function startInventory(
  options: { embedded?: boolean; env?: Record<string, string> } = {},
): Promise<Harness> {
  const infra = await createTestInfra({
    schema: 'inventory',
    migrationsDir: inventoryService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const env = { ...infra.env, INVENTORY_SWEEP_INTERVAL_MS: '3600000', ...options.env };
  const { sql, bus, kv, logger } = infra;
  const handle = await inventoryService.create({ logger, sql, bus, kv, urls: {}, env });
  const events: Envelope[] = [];
  const capture = await bus.subscribe({ queue: 'test-inventory-events', routingKeys: EVENT_TYPES }, async (m) => {
    events.push(m);
  });
  await handle.start();
  const secret = infra.env.GATEWAY_IDENTITY_SECRET as string;
  const signed = (as: Caller | null, method: string, url: string) =>
    as ? gatewayHeaders(secret, as, method, url) : {};
  const adminHeaders = (method: string, url: string) => signed(adminCaller(), method, url);
  const inject = handle.app.inject.bind(handle.app);

  const harness: Harness = {
    infra,
    handle,
    checks: inventoryChecks(sql),
    events,
    adminHeaders,
    post: (url, body, headers = {}, as = adminCaller()) =>
      inject({ method: 'POST', url, payload: body as object, headers: { ...headers, ...signed(as, 'POST', url) } }),
    get: (url, as = null) => inject({ method: 'GET', url, headers: signed(as, 'GET', url) }),
    async addWarehouse(id) {
      const res = await inject({
        method: 'PUT',
        url: `/api/inventory/warehouses/${id}`,
        payload: { name: id },
        headers: adminHeaders('PUT', `/api/inventory/warehouses/${id}`),
      });
      if (res.statusCode !== 200) throw new Error(`warehouse ${id}: ${res.statusCode} ${res.body}`);
    },
    async restock(productId, quantity, warehouseId = 'default') {
      const body = { product_id: productId, warehouse_id: warehouseId, quantity };
      const res = await harness.post('/api/inventory/restock', body);
      if (res.statusCode !== 200) throw new Error(`restock: ${res.statusCode} ${res.body}`);
    },
    async send(def, data, envelope) {
      const message =
        envelope ?? createMessage(def, data, { aggregateId: data.orderId, correlationId: `test-${randomUUID()}` });
      await bus.publish(message);
      return message;
    },
    async waitForEvent(match, description) {
      await waitFor(() => events.some(match), { description, timeoutMs: 15_000 });
      return events.find(match)!;
    },
    counter: (productId) => kv.get(availableKey(productId)),
    async close() {
      await handle.stop();
      await capture.close();
      await infra.close();
    },
  };
  return harness;
}

export const newId = (): string => randomUUID();
