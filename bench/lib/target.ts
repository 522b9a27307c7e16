// What the benchmark drives: a platform it starts (one OS process per service instance on the real servers, the
// gateway in front, fresh secrets), or an already running deployment given by its gateway URL (and service URLs).

import { generateSecrets, secretsEnv } from '../../runner/src/platform-secrets.ts';
import { startProcessPlatform } from '../../runner/src/process-platform.ts';

/** Services' own base URLs, for `--direct` (requests signed as the gateway would sign them). */
export interface ServiceUrls {
  /** Every orders instance; direct requests are spread round-robin over them. */
  orders: string[];
  auth: string | null;
  users: string | null;
  catalog: string | null;
  inventory: string | null;
  payments: string | null;
  orderQuery: string | null;
  search: string | null;
  cart: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Target {
  mode: 'started' | 'external';
  gateway: string;
  services: ServiceUrls;
  /** GATEWAY_IDENTITY_SECRET: lets `--direct` sign requests as the gateway does; null when not known. */
  identitySecret: string | null;
  /** The admin who seeds products and stock and reads everything for the invariant checks. */
  admin: Credentials;
  paymentProvider: string | null;
  rabbitUrl: string;
  /** The services' Redis (the shopping benchmark empties search's query cache there); null when not known. */
  redisUrl: string | null;
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

const HIGH_LIMIT = { max: 1_000_000_000, windowSeconds: 60 };
/** Every client of a run comes from 127.0.0.1: the edge limits would otherwise throttle the load, not measure it. */
const RATE_LIMITS = JSON.stringify(
  Object.fromEntries(
    ['global', 'auth-login', 'auth-register', 'auth-refresh', 'orders-place'].map((rule) => [rule, HIGH_LIMIT]),
  ),
);

export async function startTarget(counts: StartOptions): Promise<Target> {
  const secrets = generateSecrets();
  const platform = await startProcessPlatform(counts, {
    ...secretsEnv(secrets, {}),
    GATEWAY_RATE_LIMITS: RATE_LIMITS,
    AUTH_LOGIN_MAX_FAILURES_PER_IP: '1000000',
    // Tokens must outlive a run: the load generator never refreshes its customers' tokens mid-phase.
    AUTH_ACCESS_TOKEN_TTL_SECONDS: '3600',
  });
  const url = (name: string) => platform.urls[name] ?? null;
  return {
    mode: 'started',
    gateway: url('gateway')!,
    services: {
      orders: platform.instances('orders').map((p) => p.url),
      auth: url('auth'),
      users: url('users'),
      catalog: url('catalog'),
      inventory: url('inventory'),
      payments: url('payments'),
      orderQuery: url('order-query'),
      search: url('search'),
      cart: url('cart'),
    },
    identitySecret: secrets.GATEWAY_IDENTITY_SECRET,
    admin: { email: secrets.AUTH_BOOTSTRAP_ADMIN_EMAIL, password: secrets.AUTH_BOOTSTRAP_ADMIN_PASSWORD },
    paymentProvider: url('payment-provider'),
    rabbitUrl: process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    // The Redis startProcessPlatform hands its services.
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
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
  /** `name=url` pairs separated by commas: `gateway` required; `orders` may repeat; service URLs for --direct. */
  targetUrls: string;
  admin: Partial<Credentials>;
  identitySecret: string | undefined;
  rabbitUrl: string;
  redisUrl: string | undefined;
  exchange: string;
  queuePrefix: string;
  databaseUrl: string | undefined;
}

function parseUrls(text: string): Map<string, string[]> {
  const urls = new Map<string, string[]>();
  for (const pair of text.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--target-urls: expected name=url, got "${pair}"`);
    const name = pair.slice(0, at).trim();
    const url = pair
      .slice(at + 1)
      .trim()
      .replace(/\/$/, '');
    urls.set(name, [...(urls.get(name) ?? []), url]);
  }
  return urls;
}

export function externalTarget(options: ExternalOptions): Target {
  const urls = parseUrls(options.targetUrls);
  const one = (name: string) => urls.get(name)?.[0] ?? null;
  const gateway = one('gateway');
  if (!gateway) throw new Error('--target-urls needs gateway=<url>');
  const { email, password } = options.admin;
  if (!email || !password) throw new Error('--admin-email and --admin-password (or BENCH_ADMIN_PASSWORD) are needed');
  return {
    mode: 'external',
    gateway,
    services: {
      orders: urls.get('orders') ?? [],
      auth: one('auth'),
      users: one('users'),
      catalog: one('catalog'),
      inventory: one('inventory'),
      payments: one('payments'),
      orderQuery: one('order-query'),
      search: one('search'),
      cart: one('cart'),
    },
    identitySecret: options.identitySecret?.trim() || null,
    admin: { email, password },
    paymentProvider: one('payment-provider'),
    rabbitUrl: options.rabbitUrl,
    redisUrl: options.redisUrl ?? null,
    exchange: options.exchange,
    queuePrefix: options.queuePrefix,
    databaseUrl: options.databaseUrl ?? null,
    servicePids: new Map(),
    close: async () => undefined,
    kill: () => undefined,
  };
}
