// Latency benchmark: one client, sequential requests, N of each operation as real callers (login, refresh, me,
// product read, place and wait for the outcome, get own order, list own orders on order-query, stock lookup, place
// with a 202 only) through the gateway, or with --direct straight to the services, or with --compare both, request
// by request in turn (so the box's noise hits both alike); prints p50/p95/p99/max.
// ./dev node bench/latency.ts --samples 200 [--direct | --compare]   (see README "Benchmarks")
import { type Api, createApi } from './lib/api.ts';
import { readCli } from './lib/cli.ts';
import { closeHttpClient, failureKind } from './lib/http-client.ts';
import type { Customer } from './lib/identities.ts';
import { type Operation, operations } from './lib/latency-ops.ts';
import { latencyHeader, latencyRow, machineInfo, resultsFile, writeResults } from './lib/report.ts';
import { type Seeded, seed } from './lib/seed.ts';
import { openTarget, prepare, recordedCommand, TARGET_FLAGS, TARGET_OPTIONS } from './lib/setup.ts';
import { type Summary, summarize, tally } from './lib/stats.ts';
import type { Target } from './lib/target.ts';
import { startWatchdog } from './lib/watchdog.ts';

const cli = readCli(
  ['samples', 'requests', 'warmup', 'out', 'label', 'max-run-s', ...TARGET_OPTIONS],
  ['compare', ...TARGET_FLAGS],
);
// --requests is the older name of --samples.
const samples = cli.number('samples', cli.number('requests', 200, 1), 1);
const warmup = cli.number('warmup', 10, 0);

interface OperationResult {
  name: string;
  route: Api['route'];
  latencyMs: Summary | null;
  errors: Record<string, number>;
}

interface Routed {
  route: Api['route'];
  op: Operation;
}

/** One operation over each route given, the i-th request of every route before the (i+1)-th of any. */
async function measure(ops: Routed[]): Promise<OperationResult[]> {
  const times = ops.map((): number[] => []);
  const errors = ops.map((): Record<string, number> => ({}));
  for (let i = 0; i < warmup + samples; i++) {
    for (const [k, { op }] of ops.entries()) {
      const started = performance.now();
      try {
        const status = await op.send(i);
        if (!op.ok(status)) tally(errors[k]!, `http:${status}`);
        else if (i >= warmup) times[k]!.push(performance.now() - started);
      } catch (error) {
        tally(errors[k]!, failureKind(error));
      }
    }
  }
  return ops.map(({ route, op }, k) => ({ name: op.name, route, latencyMs: summarize(times[k]!), errors: errors[k]! }));
}

/** Per operation, the routes to time it over: the run's own, or with --compare the gateway and direct in turn. */
function routedOperations(apis: Api[], seeded: Seeded, customers: Customer[]): Routed[][] {
  const perRoute = apis.map((api) => operations(api, seeded, customers).map((op) => ({ route: api.route, op })));
  return perRoute[0]!.map((_, k) => perRoute.map((ops) => ops[k]!));
}

async function main(): Promise<void> {
  const started = new Date();
  let target: Target | null = null;
  startWatchdog(cli.number('max-run-s', 900, 1), () => target?.kill());
  target = await openTarget(cli, { orders: 1, inventory: 1, payments: 1 });
  try {
    const { api, admin, customers } = await prepare(cli, target);
    const apis = cli.flag('compare') ? [createApi(target, 'gateway'), createApi(target, 'direct')] : [api];
    const options = { ampleProducts: 10, ampleStock: 1_000_000, scarceProducts: 0, scarceStock: 0 };
    const seeded = await seed(api, admin, options);
    const results: OperationResult[] = [];
    console.log(`one client, sequential, ${samples} requests per operation after ${warmup} warm-up requests`);
    console.log(`\n${latencyHeader('operation (ms)', 46)}  errors`);
    for (const routed of routedOperations(apis, seeded, customers)) {
      for (const result of await measure(routed)) {
        results.push(result);
        const errors = Object.entries(result.errors).map(([k, n]) => `${k} x${n}`);
        const label = `${result.name}, ${result.route}`;
        console.log(`${latencyRow(label, result.latencyMs!, 46)}  ${errors.join(', ') || 'none'}`);
      }
    }
    writeResults(resultsFile('latency', cli.string('out'), started), {
      kind: 'latency',
      date: started.toISOString(),
      label: cli.string('label') ?? null,
      machine: machineInfo(),
      settings: {
        samples,
        warmup,
        mode: target.mode,
        routes: apis.map((a) => a.route),
        customers: customers.length,
        command: recordedCommand('bench/latency.ts'),
      },
      operations: results,
    });
  } finally {
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
