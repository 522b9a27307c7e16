// The shopping benchmark's concurrent phases: the search mix (cold, then hot) and adds to cart, C clients at once
// over the run's route, each with where the CPU went (per service, PostgreSQL, Redis, the load generator).
import type { Api } from './api.ts';
import { type ResourceReport, startSampler } from './resources.ts';
import type { SearchCacheFlusher } from './search-cache.ts';
import { concurrent, type Throughput } from './shop-measure.ts';
import { type Carts, searchOperations, type Variant } from './shop-ops.ts';
import { HOT_VARIANTS, SEARCH_SHAPES } from './shop-queries.ts';
import { printThroughput } from './shop-report.ts';
import type { Target } from './target.ts';

export interface Phase extends Throughput {
  resources: ResourceReport | null;
  /** CPU of the whole box per successful request, ms (services, databases, load generator, others' runs). */
  machineCpuMsPerRequest: number | null;
}

function printResources(p: Phase): void {
  const r = p.resources;
  if (!r) return;
  const cpu = Object.entries(r.cpuPctOfOneCore)
    .filter(([, pct]) => pct >= 1)
    .sort(([, a], [, b]) => b - a)
    .map(([group, pct]) => `${group} ${pct}%`)
    .join(', ');
  console.log(`    machine busy ${r.machineBusyPct}% of all cores; CPU (% of one core): ${cpu}`);
  console.log(`    ${p.machineCpuMsPerRequest ?? '-'} ms of machine CPU per request`);
}

async function sampled(target: Target, run: () => Promise<Throughput>, cores: number): Promise<Phase> {
  const sampler = await startSampler(target, null).catch(() => null);
  const result = await run();
  const resources = (await sampler?.stop()) ?? null;
  const served = result.latencyMs.count;
  const cpuMs = resources ? (resources.machineBusyPct / 100) * cores * resources.seconds * 1000 : null;
  const phase = {
    ...result,
    resources,
    machineCpuMsPerRequest: cpuMs === null || served === 0 ? null : Math.round((cpuMs / served) * 10) / 10,
  };
  printThroughput(phase);
  printResources(phase);
  return phase;
}

/** The cold phase emptied the cache: every hot query once, untimed, fills it again. */
async function warmUp(shapes: Variant[][]): Promise<void> {
  for (const shape of shapes) {
    const hot = shape.find((v) => v.temperature === 'hot')!;
    for (let i = 0; i < HOT_VARIANTS; i++) await hot.send(i);
  }
}

export interface ThroughputOptions {
  clients: number;
  /** Requests per phase, unless it runs out of time first. */
  requests: number;
  maxSeconds: number;
  cores: number;
  /** Which phases: the search mix, adds to cart, or both. */
  parts: { search: boolean; cart: boolean };
}

export async function throughputPhases(
  target: Target,
  api: Api,
  carts: Carts,
  cache: SearchCacheFlusher,
  o: ThroughputOptions,
): Promise<Phase[]> {
  if (o.clients === 0) return [];
  const phases: Phase[] = [];
  const shapes = searchOperations([api], cache).slice(0, SEARCH_SHAPES.length);
  for (const temperature of o.parts.search ? (['cold', 'hot'] as const) : []) {
    const pick = (_client: number, seq: number) =>
      shapes[seq % shapes.length]!.find((v) => v.temperature === temperature)!;
    if (temperature === 'hot') await warmUp(shapes);
    const name = `search mix, ${temperature}, ${o.clients} clients, ${api.route}`;
    phases.push(await sampled(target, () => concurrent(name, o.clients, o, pick), o.cores));
  }
  if (!o.parts.cart) return phases;
  // Client c adds for its own customers only, so no two requests ever change one cart at once.
  const mine = Array.from({ length: o.clients }, (_, c) =>
    carts.customers.map((_, i) => i).filter((i) => i % o.clients === c),
  );
  const turns = new Array<number>(o.clients).fill(0);
  const add = (c: number): Variant => ({
    operation: 'add to cart',
    route: api.route,
    temperature: null,
    send: () => carts.add(api, mine[c]![turns[c]!++ % mine[c]!.length]!),
    ok: (status) => status === 200,
  });
  const name = `add to cart, ${o.clients} clients (own carts), ${api.route}`;
  phases.push(await sampled(target, () => concurrent(name, o.clients, o, add), o.cores));
  return phases;
}
