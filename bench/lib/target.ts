// What the benchmark drives: a platform it starts (one OS process per service instance on the real servers), or an
// already running deployment given by its URLs.
import { randomBytes } from 'node:crypto';
import { startProcessPlatform } from '../../runner/src/process-platform.ts';

export interface Target {
  mode: 'started' | 'external';
  /** Every orders instance; POSTs are spread round-robin over them. */
  orders: string[];
  catalog: string;
  inventory: string;
  paymentProvider: string | null;
  orderQuery: string | null;
  adminToken: string;
  rabbitUrl: string;
  exchange: string;
  /** Prefix of the services' queue names, for backlog snapshots. */
  queuePrefix: string;
  /** Direct SQL access for the invariant queries (null: HTTP-only checks). */
  databaseUrl: string | null;
  /** OS processes of the services, by pid, for CPU attribution. */
  servicePids: Map<number, string>;
  close(): Promise<void>;
  /** Last resort (watchdog): SIGKILLs the started processes at once, without any cleanup. */
  kill(): void;
}

export interface StartOptions {
  orders: number;
  inventory: number;
  payments: number;
}

export async function startTarget(counts: StartOptions): Promise<Target> {
  const adminToken = `bench-${randomBytes(12).toString('hex')}`;
  const platform = await startProcessPlatform(counts, { ADMIN_API_TOKEN: adminToken });
  const url = (name: string) => platform.urls[name] ?? null;
  return {
    mode: 'started',
    orders: platform.instances('orders').map((p) => p.url),
    catalog: url('catalog')!,
    inventory: url('inventory')!,
    paymentProvider: url('payment-provider'),
    orderQuery: url('order-query'),
    adminToken,
    rabbitUrl: process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    exchange: platform.busExchange,
    queuePrefix: `${platform.busExchange}.`,
    databaseUrl: platform.databaseUrl,
    servicePids: new Map(platform.processes.map((p) => [p.child.pid ?? -1, p.service])),
    close: () => platform.close(),
    kill: () => {
      for (const p of platform.processes) p.child.kill('SIGKILL');
    },
  };
}

export interface ExternalOptions {
  /** `name=url` pairs separated by commas; `orders` may repeat. */
  targetUrls: string;
  adminToken: string | undefined;
  rabbitUrl: string;
  exchange: string;
  queuePrefix: string;
  databaseUrl: string | undefined;
}

export function externalTarget(options: ExternalOptions): Target {
  const urls = new Map<string, string[]>();
  for (const pair of options.targetUrls.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--target-urls: expected name=url, got "${pair}"`);
    const name = pair.slice(0, at).trim();
    urls.set(name, [
      ...(urls.get(name) ?? []),
      pair
        .slice(at + 1)
        .trim()
        .replace(/\/$/, ''),
    ]);
  }
  const one = (name: string, required: boolean) => {
    const found = urls.get(name)?.[0] ?? null;
    if (required && !found) throw new Error(`--target-urls needs ${name}=<url>`);
    return found;
  };
  if (!options.adminToken) throw new Error('--admin-token (or ADMIN_API_TOKEN) is needed to seed products and stock');
  return {
    mode: 'external',
    orders: urls.get('orders') ?? [one('orders', true)!],
    catalog: one('catalog', true)!,
    inventory: one('inventory', true)!,
    paymentProvider: one('payment-provider', false),
    orderQuery: one('order-query', false),
    adminToken: options.adminToken,
    rabbitUrl: options.rabbitUrl,
    exchange: options.exchange,
    queuePrefix: options.queuePrefix,
    databaseUrl: options.databaseUrl ?? null,
    servicePids: new Map(),
    close: async () => undefined,
    kill: () => undefined,
  };
}
