// Boots the whole platform in one process from ready adapters; used by `npm start` and by the e2e tests.
import { createGateway, type GatewayHandle } from '@techcorp/gateway';
import { createProviderApp } from '@techcorp/payment-provider';
import {
  type Bus,
  createLogger,
  type KeyValueStore,
  type Logger,
  SERVICE_PORTS,
  type ServiceHandle,
  type Sql,
  serviceUrl,
} from '@techcorp/platform';
import { SERVICES } from './topology.ts';

export interface PlatformAdapters {
  bus: Bus;
  kv: KeyValueStore;
  /** Opens (and migrates) the schema of one service. */
  openSql(service: string, migrationsDir: URL): Promise<Sql>;
}

export interface PlatformOptions {
  adapters: PlatformAdapters;
  logger: Logger;
  env: Record<string, string | undefined>;
  host?: string;
  /** 'default' listens on the DESIGN.md ports (or <NAME>_PORT); 'ephemeral' lets the OS choose (tests). */
  ports?: 'default' | 'ephemeral';
  /** Run the payment-provider sandbox in-process; default unless PAYMENT_PROVIDER_URL is set. */
  sandbox?: boolean;
  sandboxOptions?: Parameters<typeof createProviderApp>[0];
}

export interface RunningPlatform {
  urls: Record<string, string>;
  handles: ServiceHandle[];
  stop(): Promise<void>;
}

export async function bootPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const { adapters, logger, env, host = '127.0.0.1', ports = 'default' } = options;
  const urls: Record<string, string> = Object.fromEntries(
    Object.keys(SERVICE_PORTS).map((name) => [name, serviceUrl(name as keyof typeof SERVICE_PORTS, env)]),
  );
  const portFor = (name: string, fallback: number) =>
    ports === 'ephemeral' ? 0 : Number(env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? fallback);
  const listen = async (
    name: string,
    app: { listen(o: { host: string; port: number }): Promise<string> },
    port: number,
  ) => {
    const address = await app.listen({ host, port: portFor(name, port) });
    urls[name] = address.replace('[::1]', '127.0.0.1');
  };

  const sqls: Sql[] = [];
  const handles: ServiceHandle[] = [];
  // One logger per service (its name in every line); they follow the runner's level.
  const loggerFor = (service: string) => createLogger(service, logger.level);
  const sandbox = options.sandbox ?? !env.PAYMENT_PROVIDER_URL;
  const provider = sandbox
    ? createProviderApp({ ...options.sandboxOptions, logger: loggerFor('payment-provider') })
    : null;
  let gateway: GatewayHandle | null = null;
  const stop = async () => {
    await gateway?.stop();
    for (const handle of [...handles].reverse()) await handle.stop();
    await provider?.close();
    for (const sql of sqls) await sql.close();
  };
  try {
    if (provider) await listen('payment-provider', provider, SERVICE_PORTS['payment-provider']);
    for (const module of SERVICES) {
      const sql = await adapters.openSql(module.name, module.migrationsDir);
      sqls.push(sql);
      const deps = {
        logger: logger.child({ service: module.name }),
        sql,
        bus: adapters.bus,
        kv: adapters.kv,
        urls,
        env,
      };
      const handle = await module.create(deps);
      handles.push(handle);
      await handle.start();
      await listen(module.name, handle.app, module.defaultPort);
    }
    // Last: the single public entry point, in front of every service now listening.
    gateway = await createGateway({ logger: logger.child({ service: 'gateway' }), kv: adapters.kv, urls, env });
    await gateway.start();
    await listen('gateway', gateway.app, SERVICE_PORTS.gateway);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { urls, handles, stop };
}
