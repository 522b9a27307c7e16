// Seeds the shopping benchmark's catalog through the gateway as the admin (categories, brands, then products and
// their stock with a bounded number of requests in flight), then waits until search has indexed all of it.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Api, type Caller, expectStatus } from './api.ts';
import { type HistogramFigures, histogram, type Scrape, scrape, total } from './prometheus.ts';
import { BRANDS, CATEGORIES, productSpec } from './shop-catalog.ts';

export interface ShopSeedOptions {
  products: number;
  /** Seeding requests in flight at once. */
  parallel: number;
  indexTimeoutS: number;
}

/** Carts add only to products with at least this many units, so no run can empty a line's stock. */
const AMPLE_UNITS = 300;

export interface ShopSeeded {
  /** Product ids that were restocked (in stock), in catalog order. */
  inStock: string[];
  /** Those with at least AMPLE_UNITS units. */
  ample: string[];
  outOfStock: number;
  figures: SeedFigures;
}

export interface SeedFigures {
  products: number;
  categories: number;
  brands: number;
  parallel: number;
  requests: number;
  seedSeconds: number;
  productsPerS: number;
  requestsPerS: number;
  /** From the start of seeding until search showed every product (and every in-stock flag). */
  indexedAfterSeedStartS: number | null;
  /** How long search still needed once the last seeding request was answered. */
  indexCatchUpS: number | null;
  index: IndexFigures | null;
}

export interface IndexFigures {
  /** search_index_lag_seconds: event occurredAt to indexed, per indexed change. */
  lag: HistogramFigures;
  lastLagS: number | null;
  indexedByOutcome: Record<string, number>;
  documentsActive: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Runs `task(0..count-1)` with at most `parallel` in flight. */
async function pool(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

async function seedTaxonomy(api: Api, admin: Caller): Promise<number> {
  const puts = [
    ...CATEGORIES.map((c) => ({ path: `/api/categories/${c.slug}`, body: { name: c.name } })),
    ...BRANDS.map((b) => ({ path: `/api/brands/${b.slug}`, body: { name: b.name } })),
  ];
  await pool(puts.length, 8, async (i) => {
    const { path, body } = puts[i]!;
    expectStatus(await api.send(admin, 'PUT', path, { body }), [200, 201], `PUT ${path}`);
  });
  return puts.length;
}

async function searchTotal(api: Api, query: string): Promise<number | null> {
  const res = await api.send(null, 'GET', `/api/search?${query}`).catch(() => null);
  return res?.status === 200 && typeof res.body?.total === 'number' ? res.body.total : null;
}

/** Polls until search counts every product and every in-stock one; the time it took, or null at the bound. */
async function waitForIndex(api: Api, products: number, inStock: number, timeoutS: number): Promise<number | null> {
  const started = performance.now();
  let lastPrint = started;
  while (performance.now() - started < timeoutS * 1000) {
    const [all, stocked] = await Promise.all([searchTotal(api, 'limit=1'), searchTotal(api, 'in_stock=true&limit=1')]);
    if (all !== null && all >= products && stocked !== null && stocked >= inStock)
      return (performance.now() - started) / 1000;
    if (performance.now() - lastPrint > 10_000) {
      console.log(`  indexed ${all ?? '?'} of ${products} products, ${stocked ?? '?'} of ${inStock} in stock ...`);
      lastPrint = performance.now();
    }
    await sleep(250);
  }
  return null;
}

export function indexFigures(s: Scrape): IndexFigures | null {
  if (s.size === 0) return null;
  const outcomes: Record<string, number> = {};
  for (const outcome of ['inserted', 'updated', 'removed', 'stale'])
    outcomes[outcome] = total(s, 'search_indexed_total', { outcome });
  return {
    lag: histogram(s, 'search_index_lag_seconds'),
    lastLagS: s.size > 0 ? total(s, 'search_index_last_lag_seconds') : null,
    indexedByOutcome: outcomes,
    documentsActive: total(s, 'search_documents', { status: 'ACTIVE' }),
  };
}

/**
 * Categories and brands, then `products` products (each a POST, and a restock for those in stock), then the wait
 * for search. `searchUrl` (the search service itself) gives the index lag figures; null leaves them out.
 */
export async function seedShop(
  api: Api,
  admin: Caller,
  options: ShopSeedOptions,
  searchUrl: string | null,
): Promise<ShopSeeded> {
  const runTag = randomBytes(3).toString('hex').toUpperCase();
  const started = performance.now();
  let requests = await seedTaxonomy(api, admin);
  const ids: (string | null)[] = new Array(options.products).fill(null);
  const ample: (string | null)[] = new Array(options.products).fill(null);
  let done = 0;
  await pool(options.products, options.parallel, async (i) => {
    const spec = productSpec(i, runTag);
    const created = await api.send(admin, 'POST', '/api/products', { body: spec.body });
    const id = expectStatus(created, [201], `POST /api/products (${spec.body.sku})`).body.id as string;
    requests++;
    if (spec.stock > 0) {
      const body = { product_id: id, quantity: spec.stock, note: 'shop benchmark seed' };
      expectStatus(await api.send(admin, 'POST', '/api/inventory/restock', { body }), [200], `restock ${id}`);
      requests++;
      ids[i] = id;
      if (spec.stock >= AMPLE_UNITS) ample[i] = id;
    }
    if (++done % Math.max(1, Math.round(options.products / 4)) === 0)
      console.log(
        `  ${done} of ${options.products} products written (${round1((performance.now() - started) / 1000)} s)`,
      );
  });
  const seedSeconds = (performance.now() - started) / 1000;
  const inStock = ids.filter((id): id is string => id !== null);
  console.log(`seeded ${options.products} products (${inStock.length} in stock) in ${round1(seedSeconds)} s`);
  const catchUp = await waitForIndex(api, options.products, inStock.length, options.indexTimeoutS);
  return {
    inStock,
    ample: ample.filter((id): id is string => id !== null),
    outOfStock: options.products - inStock.length,
    figures: {
      products: options.products,
      categories: CATEGORIES.length,
      brands: BRANDS.length,
      parallel: options.parallel,
      requests,
      seedSeconds: round1(seedSeconds),
      productsPerS: round1(options.products / seedSeconds),
      requestsPerS: round1(requests / seedSeconds),
      indexedAfterSeedStartS: catchUp === null ? null : round1(seedSeconds + catchUp),
      indexCatchUpS: catchUp === null ? null : round1(catchUp),
      index: indexFigures(await scrape(searchUrl)),
    },
  };
}
