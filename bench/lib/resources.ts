// Where the CPU went during a phase (per service, PostgreSQL, RabbitMQ, Redis, the load generator, everything else),
// how many transactions PostgreSQL committed, and how deep the saga's queues got: the bottleneck evidence.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { committedTransactions, type Db } from './resources.sql.ts';
import type { Target } from './target.ts';

const CLOCK_TICKS_PER_S = 100;
const WATCHED_QUEUES = [
  'orders.saga',
  'inventory.commands',
  'payments.commands',
  'order-query.projection',
  // Consumers beside the saga that every order now feeds (stock levels to catalog, then to search; carts).
  'catalog.stock-events',
  'search.product-events',
  'cart.order-events',
];
const BY_COMMAND: Record<string, string> = { postgres: 'postgres', 'beam.smp': 'rabbitmq', 'redis-server': 'redis' };

export interface ResourceReport {
  seconds: number;
  /** Busy share of the whole machine, 0-100 % of all cores. */
  machineBusyPct: number;
  /** Per process group, % of ONE core (so 2 cores = 200 %); `other` is whatever else ran (e.g. other test runs). */
  cpuPctOfOneCore: Record<string, number>;
  postgresCommitsPerS: number | null;
  postgresCommits: number | null;
  maxQueueDepth: Record<string, number>;
}

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** The database a PostgreSQL backend serves, from its process title (`postgres: 15/main: <user> <db> <host> ...`). */
function backendDatabase(pid: string): string | null {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return /^postgres: [^:]+: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * CPU ticks per process with its group; backends serving another database (other test runs on a shared box) are
 * left to `other`. Per process, so a process that exits mid-phase (an idle PostgreSQL backend closed by its pool)
 * cannot take its group's earlier ticks with it.
 */
function processTicks(servicePids: Map<number, string>, database: string | null): Map<number, ProcessTicks> {
  const out = new Map<number, ProcessTicks>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const rest = stat.slice(close + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]); // utime + stime
    const pid = Number(entry);
    const group = servicePids.get(pid) ?? (pid === process.pid ? 'load-generator' : BY_COMMAND[command]);
    if (group === 'postgres' && database) {
      const served = backendDatabase(entry);
      if (served !== null && served !== database) continue;
    }
    if (group) out.set(pid, { group, ticks });
  }
  return out;
}

interface ProcessTicks {
  group: string;
  ticks: number;
}

/** Ticks per group between two snapshots: each live process's own increase (a new one counts from 0). */
function ticksByGroup(before: Map<number, ProcessTicks>, after: Map<number, ProcessTicks>): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [pid, { group, ticks }] of after) {
    const earlier = before.get(pid);
    const delta = earlier && earlier.group === group ? Math.max(0, ticks - earlier.ticks) : ticks;
    groups.set(group, (groups.get(group) ?? 0) + delta);
  }
  return groups;
}

export interface Sampler {
  stop(): Promise<ResourceReport>;
}

export async function startSampler(target: Target, db: Db | null): Promise<Sampler> {
  const started = performance.now();
  const machine0 = machineTicks();
  const database = target.databaseUrl ? new URL(target.databaseUrl).pathname.slice(1) || null : null;
  const ticks0 = processTicks(target.servicePids, database);
  const commits0 = db ? await committedTransactions(db) : null;
  const connection = await amqp.connect(target.rabbitUrl, { timeout: 10_000 });
  const maxQueueDepth: Record<string, number> = {};
  const sampleQueues = async () => {
    for (const queue of WATCHED_QUEUES) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined); // a missing queue closes the channel; that queue is then just absent
      const depth = await channel
        .checkQueue(`${target.queuePrefix}${queue}`)
        .then((q) => q.messageCount)
        .catch(() => null);
      await channel.close().catch(() => undefined);
      if (depth !== null) maxQueueDepth[queue] = Math.max(maxQueueDepth[queue] ?? 0, depth);
    }
  };
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sampleQueues).catch(() => undefined);
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await connection.close().catch(() => undefined);
      const seconds = (performance.now() - started) / 1000;
      const machine1 = machineTicks();
      const ticks1 = processTicks(target.servicePids, database);
      const commits1 = db ? await committedTransactions(db) : null;
      const pct = (delta: number) => Math.round((delta / CLOCK_TICKS_PER_S / seconds) * 1000) / 10;
      const cpuPctOfOneCore: Record<string, number> = {};
      let known = 0;
      for (const [group, delta] of ticksByGroup(ticks0, ticks1)) {
        known += delta;
        cpuPctOfOneCore[group] = pct(delta);
      }
      const machineBusy = machine1.busy - machine0.busy;
      cpuPctOfOneCore.other = pct(Math.max(0, machineBusy - known));
      return {
        seconds: Math.round(seconds * 10) / 10,
        machineBusyPct: Math.round((machineBusy / Math.max(1, machine1.total - machine0.total)) * 1000) / 10,
        cpuPctOfOneCore,
        postgresCommitsPerS:
          commits0 === null || commits1 === null ? null : Math.round(((commits1 - commits0) / seconds) * 10) / 10,
        postgresCommits: commits0 === null || commits1 === null ? null : commits1 - commits0,
        maxQueueDepth,
      };
    },
  };
}
