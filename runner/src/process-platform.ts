// Runs services as separate OS processes on REAL PostgreSQL/RabbitMQ/Redis (how Kubernetes runs them), isolated
// by a fresh database and a private bus exchange and queue prefix: for e2e tests, crash tests and benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@techcorp/platform/testing';
import amqp from 'amqplib';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rabbitUrl = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const QUEUES = [
  'orders.saga',
  'inventory.commands',
  'payments.commands',
  'order-query.projection',
  'users.account-events',
  'catalog.stock-events',
  'search.product-events',
  'cart.order-events',
];

export type ServiceName =
  | 'payment-provider'
  | 'auth'
  | 'users'
  | 'catalog'
  | 'search'
  | 'cart'
  | 'inventory'
  | 'payments'
  | 'orders'
  | 'order-query'
  | 'gateway';

/** Start order: what a service calls is up before it; the gateway, in front of everything, last. */
const START_ORDER: ServiceName[] = [
  'payment-provider',
  'auth',
  'users',
  'catalog',
  'search',
  'inventory',
  'cart',
  'payments',
  'orders',
  'order-query',
  'gateway',
];

export interface RunningProcess {
  service: ServiceName;
  url: string;
  child: ChildProcess;
  output: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(p: RunningProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const path = p.service === 'payment-provider' ? '/health/live' : '/health/ready';
  while (Date.now() < until) {
    if (p.child.exitCode !== null) throw new Error(`${p.service} exited ${p.child.exitCode}:\n${p.output.join('')}`);
    try {
      if ((await fetch(`${p.url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${p.service} not ready in ${timeoutMs} ms:\n${p.output.join('')}`);
}

export interface ProcessPlatform {
  urls: Record<string, string>;
  databaseUrl: string;
  /** The private topic exchange every process publishes on (`proc.<id>`), for observers such as benchmarks. */
  readonly busExchange: string;
  processes: RunningProcess[];
  /** Starts one more instance of a service (its URL is added to `instances`). */
  start(service: ServiceName, extraEnv?: Record<string, string>): Promise<RunningProcess>;
  instances(service: ServiceName): RunningProcess[];
  close(): Promise<void>;
}

/**
 * Starts the platform as one OS process per service instance (in START_ORDER) on a fresh database. `env` reaches
 * every process (secrets, timeouts, ...).
 */
export async function startProcessPlatform(
  counts: Partial<Record<ServiceName, number>>,
  env: Record<string, string> = {},
): Promise<ProcessPlatform> {
  const id = randomBytes(4).toString('hex');
  const database = await createTestDatabase();
  const processes: RunningProcess[] = [];
  const urls: Record<string, string> = {};
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: database.url,
    RABBITMQ_URL: rabbitUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    BUS_EXCHANGE: `proc.${id}`,
    BUS_QUEUE_PREFIX: `proc.${id}.`,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SANDBOX_TIMEOUT_TOKEN_DELAY_MS: '1000',
    ...env,
  };

  async function start(service: ServiceName, extraEnv: Record<string, string> = {}): Promise<RunningProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [`services/${service}/src/server.ts`], {
      cwd: root,
      env: {
        ...baseEnv,
        ...serviceUrlEnv(),
        ...extraEnv,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running: RunningProcess = { service, url: `http://127.0.0.1:${port}`, child, output: [] };
    const keep = (chunk: Buffer) => {
      running.output.push(chunk.toString());
      if (running.output.length > 200) running.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    processes.push(running);
    await waitReady(running);
    urls[service] ??= running.url;
    return running;
  }

  /** Each service's first instance as <NAME>_URL; for the gateway every live instance as UPSTREAM_<NAME>. */
  function serviceUrlEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [service, url] of Object.entries(urls)) {
      const name = service.toUpperCase().replace(/-/g, '_');
      env[`${name}_URL`] = url;
      const live = processes.filter((p) => p.service === service && p.child.exitCode === null).map((p) => p.url);
      env[`UPSTREAM_${name}`] = live.join(',');
    }
    return env;
  }

  try {
    for (const service of START_ORDER) for (let i = 0; i < (counts[service] ?? 1); i++) await start(service);
  } catch (error) {
    // The services already up declared their queues: remove them too, or a failed start leaks broker topology.
    await stopAll(processes);
    await deleteTopology(`proc.${id}`, `proc.${id}.`).catch(() => undefined);
    await database.drop();
    throw error;
  }

  return {
    urls,
    databaseUrl: database.url,
    busExchange: `proc.${id}`,
    processes,
    start,
    instances: (service) => processes.filter((p) => p.service === service && p.child.exitCode === null),
    async close() {
      await stopAll(processes);
      await deleteTopology(`proc.${id}`, `proc.${id}.`);
      await database.drop();
    },
  };
}

async function stopAll(processes: RunningProcess[]): Promise<void> {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          const force = setTimeout(() => p.child.kill('SIGKILL'), 5000);
          p.child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}

async function deleteTopology(exchange: string, prefix: string): Promise<void> {
  const connection = await amqp.connect(rabbitUrl);
  try {
    for (const queue of QUEUES)
      for (const suffix of ['', '.retry.1', '.retry.2', '.retry.3', '.dlq']) {
        const channel = await connection.createChannel();
        await channel.deleteQueue(`${prefix}${queue}${suffix}`).catch(() => undefined);
        await channel.close().catch(() => undefined);
      }
    const channel = await connection.createChannel();
    await channel.deleteExchange(exchange).catch(() => undefined);
    await channel.close().catch(() => undefined);
  } finally {
    await connection.close();
  }
}
