// Integration-test harness: order-query on real (or embedded) adapters, fed envelopes over the bus, driven by inject.
import type { Envelope } from '@techcorp/contracts';
import type { KeyValueStore } from '@techcorp/platform';
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
import { type OrderQueryHandle, orderQueryService } from '../service.ts';

export type QueryResponse = JsonResponse;

export interface OrderQueryHarness {
  infra: TestInfra;
  handle: OrderQueryHandle;
  /** Ids of the deliveries the projection consumer finished (duplicates included), in order. */
  processed: string[];
  /** As an admin unless `as` names another caller (null: anonymous). */
  request(
    url: string,
    options?: { method?: 'GET' | 'POST'; as?: Caller | null; body?: unknown },
  ): Promise<QueryResponse>;
  /** Publishes and waits until the consumer has finished with this delivery. */
  deliver(message: Envelope): Promise<void>;
  /** Publishes several at once and waits for all of them. */
  deliverAll(messages: readonly Envelope[]): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  embedded?: boolean;
  env?: Record<string, string>;
  urls?: Record<string, string>;
  /** A key-value store to hand the service instead of the harness's own (e.g. one that is already closed). */
  kv?: KeyValueStore;
}

export async function startOrderQuery(options: HarnessOptions = {}): Promise<OrderQueryHarness> {
  const infra = await createTestInfra({
    schema: 'order-query',
    migrationsDir: orderQueryService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const processed: string[] = [];
  const handle = await orderQueryService.create({
    logger: infra.logger,
    sql: infra.sql,
    bus: tapDeliveries(infra.bus, processed),
    kv: options.kv ?? infra.kv,
    urls: options.urls ?? {},
    env: { ...infra.env, ...options.env },
  });
  await handle.start();

  const secret = infra.env.GATEWAY_IDENTITY_SECRET as string;
  const request: OrderQueryHarness['request'] = (url, { method = 'GET', as = adminCaller(), body } = {}) =>
    injectJson(handle.app, secret, { method, url, as: as ?? undefined, body });

  const deliverAll = async (messages: readonly Envelope[]) => {
    const ids = [...new Set(messages.map((m) => m.id))];
    const expected = new Map(ids.map((id) => [id, count(processed, id) + occurrences(messages, id)]));
    for (const m of messages) await infra.bus.publish(m);
    await waitFor(() => ids.every((id) => count(processed, id) >= (expected.get(id) ?? 0)), {
      description: `${messages.length} deliveries processed`,
    });
  };

  return {
    infra,
    handle,
    processed,
    request,
    deliver: (message) => deliverAll([message]),
    deliverAll,
    async close() {
      await handle.stop();
      await infra.close();
    },
  };
}

const count = (ids: readonly string[], id: string) => ids.filter((x) => x === id).length;
const occurrences = (messages: readonly Envelope[], id: string) => messages.filter((m) => m.id === id).length;

/** Asserts a problem+json answer with this status and, when given, an error naming the field. */
export function expectProblem(response: QueryResponse, status: number, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  if (field !== undefined) {
    const problem = response.json<{ errors?: { field: string }[] }>();
    expect(
      problem.errors?.map((e) => e.field),
      response.body,
    ).toContain(field);
  }
}
