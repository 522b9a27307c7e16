// Integration-test harness: search on real (or embedded) adapters, fed product.updated over the bus, driven by inject.
import type { Envelope, ProductSnapshot } from '@techcorp/contracts';
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
import type { SearchResponse, SuggestResponse } from '../search/search.schemas.ts';
import { type SearchHandle, searchService } from '../service.ts';
import { productUpdated } from './product-fixtures.ts';

export type HttpResponse = JsonResponse;

export interface SearchHarness {
  infra: TestInfra;
  handle: SearchHandle;
  /** Ids of the deliveries the indexing consumer finished (duplicates included), in order. */
  processed: string[];
  /** Anonymous (as the public gateway route forwards it) unless `as` names a caller. */
  request(
    url: string,
    options?: { method?: 'GET' | 'POST'; as?: Caller | null; body?: unknown },
  ): Promise<HttpResponse>;
  /** GET /api/search?{query}, expecting 200. */
  search(query: string): Promise<SearchResponse>;
  /** GET /api/search/suggest?{query}, expecting 200. */
  suggest(query: string): Promise<SuggestResponse['suggestions']>;
  /** Publishes the messages and waits until the consumer has finished each delivery. */
  deliver(...messages: Envelope[]): Promise<void>;
  /** Indexes products by publishing product.updated with their snapshots. */
  index(...products: ProductSnapshot[]): Promise<void>;
  metrics(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  embedded?: boolean;
  env?: Record<string, string>;
  urls?: Record<string, string>;
  /** A key-value store to hand the service instead of the harness's own. */
  kv?: KeyValueStore;
}

const count = (ids: readonly string[], id: string) => ids.filter((x) => x === id).length;

export async function startSearch(options: HarnessOptions = {}): Promise<SearchHarness> {
  const infra = await createTestInfra({
    schema: 'search',
    migrationsDir: searchService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const processed: string[] = [];
  const handle = await searchService.create({
    logger: infra.logger,
    sql: infra.sql,
    bus: tapDeliveries(infra.bus, processed),
    kv: options.kv ?? infra.kv,
    urls: options.urls ?? {},
    env: { ...infra.env, ...options.env },
  });
  await handle.start();

  const secret = infra.env.GATEWAY_IDENTITY_SECRET as string;
  const request: SearchHarness['request'] = (url, { method = 'GET', as = null, body } = {}) =>
    injectJson(handle.app, secret, { method, url, as: as ?? undefined, body });
  const ok = async <T>(url: string) => {
    const response = await request(url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  const deliver = async (...messages: Envelope[]) => {
    const expected = new Map<string, number>();
    for (const m of messages) expected.set(m.id, (expected.get(m.id) ?? count(processed, m.id)) + 1);
    for (const m of messages) await infra.bus.publish(m);
    await waitFor(() => [...expected].every(([id, n]) => count(processed, id) >= n), {
      description: `${messages.length} deliveries processed`,
      timeoutMs: 20_000,
    });
  };

  return {
    infra,
    handle,
    processed,
    request,
    search: (query) => ok<SearchResponse>(`/api/search?${query}`),
    suggest: async (query) => (await ok<SuggestResponse>(`/api/search/suggest?${query}`)).suggestions,
    deliver,
    index: (...products) => deliver(...products.map((p) => productUpdated(p))),
    metrics: async () => (await handle.app.inject({ url: '/metrics' })).body,
    async close() {
      await handle.stop();
      await infra.close();
    },
  };
}

export { adminCaller };

/** Asserts a problem+json answer with this status and, when given, an error naming the field. */
export function expectProblem(response: HttpResponse, status: number, field?: string): void {
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
