// Load benchmark: open-loop phases at fixed arrival rates, then a closed-loop max-throughput phase, each timed to
// CONFIRMED through the bus, then the invariant check over the whole run. Exits 1 if an invariant fails. Orders are
// placed by registered customers through the gateway (or, with --direct, signed straight to the orders service).
// ./dev node bench/load.ts --orders 2 --rate 25,50 --duration 20 --concurrency 32   (see README "Benchmarks")
import { performance } from 'node:perf_hooks';
import { readCli } from './lib/cli.ts';
import { closedLoop, openLoop, type PhaseRun } from './lib/drivers.ts';
import { closeHttpClient } from './lib/http-client.ts';
import { type AcceptedOrder, type Checker, checkInvariants } from './lib/invariants.ts';
import { type Outcome, type OutcomeWatcher, watchOutcomes } from './lib/outcomes.ts';
import { type PhaseFigures, phaseFigures } from './lib/phase-report.ts';
import { machineInfo, printInvariants, printPhase, printSummary, resultsFile, writeResults } from './lib/report.ts';
import { type Db, openDb } from './lib/resources.sql.ts';
import { startSampler } from './lib/resources.ts';
import { planOrder, type Seeded, seed } from './lib/seed.ts';
import { openTarget, type Prepared, prepare, recordedCommand, TARGET_FLAGS, TARGET_OPTIONS } from './lib/setup.ts';
import type { Target } from './lib/target.ts';
import { startWatchdog } from './lib/watchdog.ts';

const cli = readCli(
  [
    ...['orders', 'inventory', 'payments', 'rate', 'duration', 'concurrency', 'drain', 'max-in-flight'],
    ...['products', 'scarce-products', 'scarce-stock', 'scarce-share', 'out', 'label', 'max-run-s'],
    ...TARGET_OPTIONS,
  ],
  ['trace', ...TARGET_FLAGS],
);
const settings = {
  instances: {
    orders: cli.number('orders', 1, 1),
    inventory: cli.number('inventory', 1, 1),
    payments: cli.number('payments', 1, 1),
  },
  rates: cli.numbers('rate', [50]).filter((r) => r > 0),
  durationS: cli.number('duration', 30, 1),
  concurrency: cli.number('concurrency', 32, 0),
  drainS: cli.number('drain', 60, 1),
  maxInFlight: cli.number('max-in-flight', 2000, 1),
  ampleProducts: cli.number('products', 20, 1),
  scarceProducts: cli.number('scarce-products', 3, 0),
  scarceStock: cli.number('scarce-stock', 30, 2),
  scarceShare: cli.number('scarce-share', 0.05, 0),
  trace: cli.flag('trace'),
  direct: cli.flag('direct'),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (without any load on the platform) until every accepted order of the phase has a terminal event. */
async function drain(run: PhaseRun, watcher: OutcomeWatcher): Promise<void> {
  const until = performance.now() + settings.drainS * 1000;
  const open = () => run.attempts.some((a) => a.orderId !== null && !watcher.outcomes.has(a.orderId));
  while (open() && performance.now() < until) await sleep(200);
}

/** Outcomes the bus did not show (e.g. a lost observer message) read once per order over HTTP, for the checks only. */
async function withFallback({ api, admin }: Checker, orders: AcceptedOrder[], seen: Map<string, Outcome>) {
  const merged = new Map(seen);
  const missing = orders.filter((o) => !seen.has(o.orderId)).slice(0, 2000);
  const terminal: Record<string, Outcome['type']> = {
    CONFIRMED: 'order.confirmed',
    FAILED: 'order.failed',
    CANCELLED: 'order.cancelled',
  };
  for (const { orderId } of missing) {
    const res = await api.send(admin, 'GET', `/api/orders/${orderId}`).catch(() => null);
    const type = terminal[res?.body?.status as string];
    if (type) merged.set(orderId, { type, at: Number.NaN });
  }
  if (missing.length > 0) console.log(`\n${missing.length} orders had no terminal event on the bus; read over HTTP`);
  return merged;
}

interface Session extends Prepared {
  target: Target;
  db: Db | null;
  watcher: OutcomeWatcher;
}

interface Phase {
  figures: PhaseFigures;
  run: PhaseRun;
}

async function runPhase(s: Session, name: string, load: string, drive: () => Promise<PhaseRun>): Promise<Phase> {
  console.log(`\n${name}: ${load} for ${settings.durationS} s ...`);
  const sampler = await startSampler(s.target, s.db);
  const run = await drive();
  await drain(run, s.watcher);
  // The window covers the drain too: a saturated platform is still working off this phase's backlog then.
  const resources = await sampler.stop();
  const figures = phaseFigures(name, load, settings.durationS, run, s.watcher.outcomes, resources, s.watcher.hops);
  printPhase(figures);
  return { figures, run };
}

async function runPhases(s: Session, seeded: Seeded): Promise<Phase[]> {
  let orders = 0;
  const plan = () => planOrder(seeded, settings.scarceShare, s.customers[orders++ % s.customers.length]!);
  const { durationS, maxInFlight, concurrency } = settings;
  const phases: Phase[] = [];
  for (const rate of settings.rates) {
    const drive = () => openLoop(s.api, { rate, durationS, maxInFlight, plan });
    phases.push(await runPhase(s, `open loop ${rate}/s`, `${rate} orders/s offered`, drive));
  }
  if (concurrency > 0) {
    const drive = () => closedLoop(s.api, { concurrency, durationS, plan });
    phases.push(await runPhase(s, 'max throughput', `${concurrency} clients`, drive));
  }
  return phases;
}

/** Checks the invariants over every accepted order, prints them and writes the results file; true if all hold. */
async function finish(s: Session, seeded: Seeded, phases: Phase[], started: Date): Promise<boolean> {
  const figures = phases.map((p) => p.figures);
  printSummary(figures);
  const orders: AcceptedOrder[] = phases.flatMap((p) =>
    p.run.attempts.flatMap((a) => (a.orderId ? [{ orderId: a.orderId, lines: a.lines }] : [])),
  );
  const checker = { target: s.target, api: s.api, admin: s.admin };
  const outcomes = await withFallback(checker, orders, s.watcher.outcomes);
  const invariants = await checkInvariants(checker, s.db, seeded, orders, outcomes);
  const ok = printInvariants(invariants);
  writeResults(resultsFile('load', cli.string('out'), started), {
    kind: 'load',
    date: started.toISOString(),
    label: cli.string('label') ?? null,
    machine: machineInfo(),
    settings: { ...settings, customers: s.customers.length, command: recordedCommand('bench/load.ts') },
    target: {
      mode: s.target.mode,
      route: s.api.route,
      ordersInstances: s.target.mode === 'started' ? settings.instances.orders : null,
      orderEventsSeen: s.watcher.received,
    },
    phases: figures,
    invariants,
    invariantsHold: ok,
  });
  return ok;
}

async function main(): Promise<number> {
  const started = new Date();
  let target: Target | null = null;
  const phases = settings.rates.length + (settings.concurrency > 0 ? 1 : 0);
  const bound = 240 + phases * (settings.durationS + settings.drainS + 15);
  startWatchdog(cli.number('max-run-s', bound, 1), () => target?.kill());
  target = await openTarget(cli, settings.instances);
  let db: Db | null = null;
  let watcher: OutcomeWatcher | null = null;
  try {
    db = target.databaseUrl ? await openDb(target.databaseUrl) : null;
    watcher = await watchOutcomes(target.rabbitUrl, target.exchange, settings.trace);
    console.log(`target: ${target.mode}, gateway ${target.gateway}, exchange ${target.exchange}`);
    const prepared = await prepare(cli, target);
    const seeded = await seed(prepared.api, prepared.admin, {
      ampleProducts: settings.ampleProducts,
      ampleStock: 1_000_000,
      scarceProducts: settings.scarceProducts,
      scarceStock: settings.scarceStock,
    });
    const session = { ...prepared, target, db, watcher };
    return (await finish(session, seeded, await runPhases(session, seeded), started)) ? 0 : 1;
  } finally {
    await watcher?.close();
    await db?.end();
    closeHttpClient();
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
