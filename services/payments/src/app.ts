// The payments Fastify app: the platform HTTP base plus the payment routes; no listen.
import { createHttpApp, type HttpApp, type Logger, type ServiceAuth, type ServiceMetrics } from '@techcorp/platform';
import type { ProcessingDeps } from './payment/payment.processing.ts';
import { paymentRoutes } from './payment/payment.routes.ts';

export interface PaymentsAppOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: () => Promise<void>;
  deps: ProcessingDeps;
  auth: ServiceAuth;
}

export function buildPaymentsApp(options: PaymentsAppOptions): HttpApp {
  const app = createHttpApp({
    name: 'payments',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
  });
  app.register(paymentRoutes, { deps: options.deps, auth: options.auth });
  return app;
}
