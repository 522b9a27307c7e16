// What both benchmarks do before measuring: open the target from the command line, pick the route (gateway or
// --direct), sign the admin in and register the customers. None of it counts toward a measured phase.
import { type Api, type Caller, createApi } from './api.ts';
import type { Cli } from './cli.ts';
import { type Customer, logInAdmin, registerCustomers } from './identities.ts';
import { externalTarget, type StartOptions, startTarget, type Target } from './target.ts';

/** String options every benchmark accepts for choosing and reaching its target. */
export const TARGET_OPTIONS = [
  'target-urls',
  'admin-email',
  'admin-password',
  'rabbitmq-url',
  'redis-url',
  'bus-exchange',
  'queue-prefix',
  'database-url',
  'customers',
];
export const TARGET_FLAGS = ['direct'];

export function openTarget(cli: Cli, counts: StartOptions): Promise<Target> {
  const urls = cli.string('target-urls');
  if (!urls) return startTarget(counts);
  return Promise.resolve(
    externalTarget({
      targetUrls: urls,
      admin: {
        email: cli.string('admin-email') ?? process.env.BENCH_ADMIN_EMAIL,
        password: cli.string('admin-password') ?? process.env.BENCH_ADMIN_PASSWORD,
      },
      identitySecret: process.env.GATEWAY_IDENTITY_SECRET,
      rabbitUrl: cli.string('rabbitmq-url') ?? process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      redisUrl: cli.string('redis-url') ?? process.env.REDIS_URL,
      exchange: cli.string('bus-exchange') ?? 'techcorp',
      queuePrefix: cli.string('queue-prefix') ?? '',
      databaseUrl: cli.string('database-url') ?? process.env.DATABASE_URL,
    }),
  );
}

export interface Prepared {
  api: Api;
  admin: Caller;
  customers: Customer[];
}

/** Signs the admin in and registers `--customers` (default 50) customers over the chosen route. */
export async function prepare(cli: Cli, target: Target): Promise<Prepared> {
  const api = createApi(target, cli.flag('direct') ? 'direct' : 'gateway');
  const admin = await logInAdmin(api, target.admin);
  const count = cli.number('customers', 50, 1);
  const started = performance.now();
  const customers = await registerCustomers(api, count);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const via = api.route === 'gateway' ? 'through the gateway' : 'straight to the services (--direct)';
  console.log(`${via}: admin signed in, ${count} customers registered in ${seconds} s`);
  return { api, admin, customers };
}

/** The command line as run, with the admin password blanked: results files are shared, secrets are not. */
export function recordedCommand(script: string): string {
  const args = process.argv.slice(2).map((arg, i, all) => (all[i - 1] === '--admin-password' ? '***' : arg));
  return `node ${script} ${args.map((a) => a.replace(/^(--admin-password=).*/, '$1***')).join(' ')}`;
}
