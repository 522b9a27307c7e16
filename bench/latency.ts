// Latency benchmark: one client, sequential requests, N of each operation (place and wait for the outcome, place
// with a 202 only, get order, list orders on order-query, stock lookup); prints p50/p95/p99/max per operation.
// ./dev node bench/latency.ts --requests 200   (see README "Benchmarks")
import { readCli } from './lib/cli.ts';
import { closeHttpClient, failureKind, httpJson } from './lib/http-client.ts';
import { latencyHeader, latencyRow, machineInfo, resultsFile, writeResults } from './lib/report.ts';
import { planOrder, seed } from './lib/seed.ts';
import { type Summary, summarize, tally } from './lib/stats.ts';
import { externalTarget, startTarget, type Target } from './lib/target.ts';
import { startWatchdog } from './lib/watchdog.ts';

const cli = readCli(['requests', 'warmup', 'out', 'label', 'target-urls', 'admin-token', 'max-run-s']);
const requests = cli.number('requests', 200, 1);
const warmup = cli.number('warmup', 10, 0);

interface Operation {
  name: string;
  /** Sends one request; resolves to the HTTP status. */
  send: (i: number) => Promise<number>;
  /** 2xx statuses that count as success (others are errors). */
  ok: (status: number) => boolean;
}

interface OperationResult {
  name: string;
  latencyMs: Summary | null;
  errors: Record<string, number>;
  note?: string;
}

async function measure(op: Operation): Promise<OperationResult> {
  const samples: number[] = [];
  const errors: Record<string, number> = {};
  for (let i = 0; i < warmup + requests; i++) {
    const started = performance.now();
    try {
      const status = await op.send(i);
      if (!op.ok(status)) tally(errors, `http:${status}`);
      else if (i >= warmup) samples.push(performance.now() - started);
    } catch (error) {
      tally(errors, failureKind(error));
    }
  }
  return { name: op.name, latencyMs: summarize(samples), errors };
}

function operations(target: Target, seeded: Awaited<ReturnType<typeof seed>>, placed: string[]): Operation[] {
  const body = (i: number) => planOrder(seeded, 0, `latency-${i % 20}`);
  const post = (i: number, headers: Record<string, string>) => {
    const order = body(i);
    return httpJson(`${target.orders[0]}/api/orders`, {
      body: order.body,
      headers: { 'idempotency-key': order.idempotencyKey, ...headers },
    });
  };
  const ops: Operation[] = [
    {
      name: 'place order, wait for outcome',
      send: async (i) => {
        const res = await post(i, { prefer: 'wait=30' });
        if (typeof res.body?.order_id === 'string') placed.push(res.body.order_id);
        // 202 here means the wait ran out before the outcome: an error for an end-to-end figure.
        return res.status === 200 && res.body.status !== 'CONFIRMED' ? 599 : res.status;
      },
      ok: (s) => s === 200,
    },
    {
      name: 'get order',
      send: async (i) => (await httpJson(`${target.orders[0]}/api/orders/${placed[i % placed.length]}`)).status,
      ok: (s) => s === 200,
    },
    {
      name: 'stock lookup',
      send: async (i) =>
        (await httpJson(`${target.inventory}/api/inventory/${seeded.ample[i % seeded.ample.length]}`)).status,
      ok: (s) => s === 200,
    },
  ];
  if (target.orderQuery) {
    const base = target.orderQuery;
    ops.push({
      name: 'list orders (order-query)',
      send: async (i) => (await httpJson(`${base}/api/orders?customer_id=latency-${i % 20}&limit=20`)).status,
      ok: (s) => s === 200,
    });
  }
  ops.push({ name: 'place order, 202 only', send: async (i) => (await post(i, {})).status, ok: (s) => s === 202 });
  return ops;
}

async function main(): Promise<void> {
  const started = new Date();
  let target: Target | null = null;
  startWatchdog(cli.number('max-run-s', 600, 1), () => target?.kill());
  const urls = cli.string('target-urls');
  target = urls
    ? externalTarget({
        targetUrls: urls,
        adminToken: cli.string('admin-token') ?? process.env.ADMIN_API_TOKEN,
        rabbitUrl: '',
        exchange: '',
        queuePrefix: '',
        databaseUrl: undefined,
      })
    : await startTarget({ orders: 1, inventory: 1, payments: 1 });
  try {
    const seeded = await seed(target, { ampleProducts: 10, ampleStock: 1_000_000, scarceProducts: 0, scarceStock: 0 });
    const results: OperationResult[] = [];
    console.log(`one client, sequential, ${requests} requests per operation after ${warmup} warm-up requests`);
    console.log(`\n${latencyHeader('operation (ms)', 34)}  errors`);
    for (const op of operations(target, seeded, [])) {
      const result = await measure(op);
      results.push(result);
      const errors = Object.entries(result.errors).map(([k, n]) => `${k} x${n}`);
      console.log(`${latencyRow(op.name, result.latencyMs!, 34)}  ${errors.join(', ') || 'none'}`);
    }
    if (!target.orderQuery) {
      const note = 'skipped: the platform has no order-query service yet';
      results.push({ name: 'list orders (order-query)', latencyMs: null, errors: {}, note });
      console.log(`${'list orders (order-query)'.padEnd(34)}  ${note}`);
    }
    writeResults(resultsFile('latency', cli.string('out'), started), {
      kind: 'latency',
      date: started.toISOString(),
      label: cli.string('label') ?? null,
      machine: machineInfo(),
      settings: {
        requests,
        warmup,
        mode: target.mode,
        command: `node bench/latency.ts ${process.argv.slice(2).join(' ')}`,
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
