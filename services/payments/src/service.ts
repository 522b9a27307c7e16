// The payments service module: charges and refunds at the payment provider for the order saga (seed 003).
import {
  createServiceAuth,
  createServiceMetrics,
  enqueueOutbox,
  mountDeadLetters,
  type OutboxRelay,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  startOutboxRelay,
} from '@techcorp/platform';
import { buildPaymentsApp } from './app.ts';
import { readPaymentsSettings } from './config.ts';
import { createPaymentsMetrics } from './metrics.ts';
import { COMMANDS_QUEUE, startPaymentsConsumer } from './payment/payment.handlers.ts';
import type { ProcessingDeps } from './payment/payment.processing.ts';
import { paymentsRepository } from './payment/payment.sql.ts';
import { createProviderClient } from './provider/provider.client.ts';

async function create(deps: ServiceDeps): Promise<ServiceHandle> {
  const settings = readPaymentsSettings(deps.env);
  const auth = createServiceAuth({ env: deps.env, urls: deps.urls });
  const providerUrl = deps.urls['payment-provider'];
  if (!providerUrl) throw new Error('payments needs the payment-provider URL (PAYMENT_PROVIDER_URL)');
  const serviceMetrics = createServiceMetrics('payments');
  const metrics = createPaymentsMetrics(serviceMetrics);
  let relay: OutboxRelay | undefined;
  let subscription: Subscription | undefined;

  const processing: ProcessingDeps = {
    sql: deps.sql,
    logger: deps.logger,
    metrics,
    enqueue: enqueueOutbox,
    provider: createProviderClient({ baseUrl: providerUrl, settings: settings.provider, observer: metrics.provider }),
    nudge: () => relay?.nudge(),
  };
  const app = buildPaymentsApp({
    logger: deps.logger,
    metrics: serviceMetrics,
    readiness: () => paymentsRepository(deps.sql).ping(),
    deps: processing,
    auth,
  });
  await mountDeadLetters({ app, metrics: serviceMetrics, bus: deps.bus, queues: [COMMANDS_QUEUE], auth });

  return {
    name: 'payments',
    app,
    async start() {
      relay = startOutboxRelay({ sql: deps.sql, bus: deps.bus, logger: deps.logger });
      subscription = await startPaymentsConsumer(processing, {
        bus: deps.bus,
        prefetch: settings.prefetch,
        retryDelaysMs: settings.commandRetryDelaysMs,
      });
    },
    async stop() {
      await subscription?.close();
      await app.close();
      await relay?.stop();
      subscription = undefined;
      relay = undefined;
    },
  };
}

export const paymentsService: ServiceModule = {
  name: 'payments',
  defaultPort: SERVICE_PORTS.payments,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create,
};
