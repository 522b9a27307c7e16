// Probe and scrape endpoints: /health/live, /health/ready, /metrics.
import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from '../metrics.ts';
import { withTimeout } from '../timeout.ts';
import { problemType, sendProblem } from './problem.ts';

export const PROBE_ROUTES: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/** A readiness check that hangs is as bad as one that fails; probes get an answer within this time. */
const READINESS_TIMEOUT_MS = 3000;

export function registerHealthRoutes(
  app: FastifyInstance,
  options: { readiness?: () => Promise<void>; metrics: ServiceMetrics },
): void {
  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (request, reply) => {
    try {
      await withTimeout(
        options.readiness?.() ?? Promise.resolve(),
        READINESS_TIMEOUT_MS,
        `readiness check timed out after ${READINESS_TIMEOUT_MS} ms`,
      );
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, {
        type: problemType('not-ready'),
        title: 'Service Unavailable',
        status: 503,
        detail: 'the service is not ready',
        instance: '/health/ready',
      });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await options.metrics.registry.metrics();
    return reply.header('content-type', options.metrics.registry.contentType).send(text);
  });
}
