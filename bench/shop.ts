// Shopping benchmark (issue 5): seeds a catalog of --products products (20 categories, 50 brands, attributes,
// stock) through the gateway, waits for search to index it, then times seed 002's search mix and autocomplete with
// the query cache hot and cold, and customers' cart calls (add, view, change quantity), one client sequentially and
// --concurrency clients at once (a list sweeps: 2,4,8); prints p50/p95/p99, req/s and the verdicts on search P95 < 50
// ms and add P95 < 20 ms.
// ./dev npm run bench:shop -- --products 10000 [--samples 500 --concurrency 8 --explain 100 --vacuum-analyze]
//   [--direct | --compare]   (see README "Benchmarks")
import { cpus } from 'node:os';
import { createApi } from './lib/api.ts';
import { readCli } from './lib/cli.ts';
import { closeHttpClient } from './lib/http-client.ts';
import { difference, type RouteTime, routeTimes, type Scrape, scrape, total } from './lib/prometheus.ts';
import { machineInfo, resultsFile, writeResults } from './lib/report.ts';
import { openSearchCacheFlusher, type SearchCacheFlusher } from './lib/search-cache.ts';
import { type ExplainReport, explainSearch } from './lib/search-explain.sql.ts';
import { openTarget, prepare, recordedCommand, TARGET_FLAGS, TARGET_OPTIONS } from './lib/setup.ts';
import { applyUpkeep } from './lib/shop-database.ts';
import { sequential, type Timed } from './lib/shop-measure.ts';
import { Carts, cartOperations, searchOperations, type Variant } from './lib/shop-ops.ts';
import { HOT_VARIANTS, SEARCH_SHAPES } from './lib/shop-queries.ts';
import * as out from './lib/shop-report.ts';
import { seedShop } from './lib/shop-seed.ts';
import { type Phase, throughputPhases } from './lib/shop-throughput.ts';
import type { Target } from './lib/target.ts';
import { startWatchdog } from './lib/watchdog.ts';

const cli = readCli(
  [
    ...['products', 'samples', 'warmup', 'concurrency', 'concurrent-requests', 'parallel', 'cart-lines'],
    ...['index-timeout-s', 'explain', 'only', 'phase-max-s'],
    ...['out', 'label', 'max-run-s', ...TARGET_OPTIONS],
  ],
  ['compare', 'vacuum-analyze', ...TARGET_FLAGS],
);
const settings = {
  products: cli.number('products', 10_000, 1),
  samples: cli.number('samples', 500, 1),
  warmup: cli.number('warmup', 20, HOT_VARIANTS),
  /** Client counts for the concurrent phases, one after another (`--concurrency 2,4,8`); 0: none. */
  concurrency: concurrencyLevels(cli.string('concurrency') ?? '8'),
  parallel: cli.number('parallel', 16, 1),
  linesPerCart: cli.number('cart-lines', 5, 1),
  indexTimeoutS: cli.number('index-timeout-s', 600, 1),
  /** Cold queries per shape to time statement by statement (and EXPLAIN) on the database afterwards; 0: none. */
  explain: cli.number('explain', 0, 0),
};
function concurrencyLevels(text: string): number[] {
  const levels = text.split(',').map((part) => Number(part.trim()));
  if (levels.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error('--concurrency: client counts such as 8 or 2,4,8');
  return levels.filter((n) => n > 0);
}

const only = cli.string('only');
if (only !== undefined && only !== 'search' && only !== 'cart') throw new Error('--only must be search or cart');
/** What this run measures (--only narrows it to search or to cart). */
const parts = { search: only !== 'cart', cart: only !== 'search' };
const throughput = {
  requests: cli.number('concurrent-requests', settings.samples * SEARCH_SHAPES.length, 1),
  maxSeconds: cli.number('phase-max-s', 60, 1),
};

interface Measured extends Timed {
  serverSide: RouteTime[];
  cache: Record<string, number> | null;
}

/** Where the services' own /metrics are (started platforms; external ones when --target-urls names them). */
const metricsOf = (t: Target) => ({
  search: t.services.search,
  cart: t.services.cart,
  catalog: t.services.catalog,
  inventory: t.services.inventory,
});

async function scrapeAll(target: Target, services: string[]): Promise<Map<string, Scrape>> {
  const urls = metricsOf(target) as Record<string, string | null>;
  return new Map(await Promise.all(services.map(async (s) => [s, await scrape(urls[s] ?? null)] as const)));
}

/** One operation's variants, sequentially, with the services' side of it (mean time per route, cache lookups). */
async function measureOperation(target: Target, variants: Variant[], services: string[]): Promise<Measured[]> {
  const before = await scrapeAll(target, services);
  const timed = await sequential(variants, settings.warmup, settings.samples);
  const after = await scrapeAll(target, services);
  const deltas = new Map(services.map((s) => [s, difference(after.get(s)!, before.get(s)!)]));
  const serverSide = services.flatMap((s) => routeTimes(s, deltas.get(s)!));
  const searchDelta = deltas.get('search');
  const cache =
    searchDelta && searchDelta.size > 0
      ? Object.fromEntries(
          ['hit', 'miss', 'error'].map((r) => [r, total(searchDelta, 'search_cache_lookups_total', { result: r })]),
        )
      : null;
  out.printServerSide(
    serverSide,
    cache && `${cache.hit} hits, ${cache.miss} misses, ${cache.error} errors (warm-up included)`,
  );
  for (const t of timed) out.printTimed(t);
  return timed.map((t) => ({ ...t, serverSide, cache }));
}

async function main(): Promise<void> {
  const started = new Date();
  let target: Target | null = null;
  startWatchdog(cli.number('max-run-s', 3600, 1), () => target?.kill());
  target = await openTarget(cli, { orders: 1, inventory: 1, payments: 1 });
  let cache: SearchCacheFlusher | null = null;
  try {
    if (!target.redisUrl) throw new Error('cold searches empty the query cache in Redis: give --redis-url');
    cache = await openSearchCacheFlusher(target.redisUrl);
    const { api, admin, customers } = await prepare(cli, target);
    if (customers.length < Math.max(0, ...settings.concurrency))
      throw new Error('--customers must be at least the largest --concurrency');
    const apis = cli.flag('compare') ? [createApi(target, 'gateway'), createApi(target, 'direct')] : [api];
    const seeded = await seedShop(api, admin, settings, target.services.search);
    out.printSeed(seeded.figures);
    if (seeded.figures.indexedAfterSeedStartS === null)
      console.log(`WARNING: search had not indexed everything within ${settings.indexTimeoutS} s; measuring anyway`);
    const upkeep = await applyUpkeep(target.databaseUrl, { vacuumAnalyze: cli.flag('vacuum-analyze') });

    console.log(`\none client, sequential: ${settings.samples} per variant after ${settings.warmup} warm-up rounds`);
    console.log(out.timedHeader());
    const timed: Measured[] = [];
    // Cold first: emptying the cache before each cold request would make interleaved hot ones cold too.
    for (const variants of parts.search ? searchOperations(apis, cache) : [])
      for (const temperature of ['cold', 'hot'])
        timed.push(
          ...(await measureOperation(
            target,
            variants.filter((v) => v.temperature === temperature),
            ['search'],
          )),
        );
    const carts = new Carts(customers, seeded.ample, settings.linesPerCart);
    for (const variants of parts.cart ? cartOperations(apis, carts) : [])
      timed.push(...(await measureOperation(target, variants, ['cart', 'catalog', 'inventory'])));

    const searchShapes = new Set(SEARCH_SHAPES.map((s) => s.name));
    const mix = (temperature: 'hot' | 'cold') =>
      out.mixOf(
        timed
          .filter((t) => t.route === api.route && t.temperature === temperature && searchShapes.has(t.operation))
          .map((t) => t.samplesMs),
      );
    const mixes = { hot: mix('hot'), cold: mix('cold') };
    console.log(`search mix, ${api.route}: cold p95 ${mixes.cold.p95 ?? '-'} ms, hot p95 ${mixes.hot.p95 ?? '-'} ms`);

    const phases: Phase[] = [];
    for (const clients of settings.concurrency) {
      console.log(
        `\n${clients} clients at once (closed loop), ${throughput.requests} requests or ` +
          `${throughput.maxSeconds} s each phase`,
      );
      phases.push(
        ...(await throughputPhases(target, api, carts, cache, { ...throughput, clients, cores: cpus().length, parts })),
      );
    }
    let explain: ExplainReport | null = null;
    if (parts.search && settings.explain > 0 && target.databaseUrl) {
      explain = await explainSearch(target.databaseUrl, settings.explain);
      out.printExplain(explain);
    }
    const addPhases = phases.filter((p) => p.name.startsWith('add to cart'));
    const verdicts = out.verdicts(api.route, timed, mixes, addPhases);
    out.printVerdicts(verdicts);

    writeResults(resultsFile('shop', cli.string('out'), started), {
      kind: 'shop',
      date: started.toISOString(),
      label: cli.string('label') ?? null,
      machine: machineInfo(),
      settings: {
        ...settings,
        concurrentRequests: throughput.requests,
        phaseMaxSeconds: throughput.maxSeconds,
        measured: parts,
        databaseUpkeep: upkeep,
        mode: target.mode,
        routes: apis.map((a) => a.route),
        customers: customers.length,
        command: recordedCommand('bench/shop.ts'),
      },
      seed: { ...seeded.figures, inStock: seeded.inStock.length, outOfStock: seeded.outOfStock },
      searchMixSequential: mixes,
      operations: timed.map(({ samplesMs: _samples, ...rest }) => rest),
      throughput: phases,
      targets: verdicts,
      insidePostgres: explain,
    });
  } finally {
    await cache?.close();
    closeHttpClient();
    await target.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
