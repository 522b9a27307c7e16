// The payment-provider sandbox app: a small Stripe-like HTTP API over an in-memory ledger; no listen here.
import { Type, type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { chargesRoutes } from './charges.routes.ts';
import { createLedger, type Ledger, type LoggedRequest } from './ledger.ts';
import { apiError, invalidRequest } from './provider-errors.ts';
import { refundsRoutes } from './refunds.routes.ts';

export interface ProviderAppOptions {
  /** How long tok_timeout holds a request before answering 504; default 10000 ms. */
  timeoutTokenDelayMs?: number;
  logger?: FastifyBaseLogger;
}

/** The Fastify instance plus its ledger, which tests read to count charges and attempts. */
export type ProviderApp = FastifyInstance & { readonly ledger: Ledger };

declare module 'fastify' {
  interface FastifyRequest {
    providerLogEntry?: LoggedRequest;
  }
}

export function createProviderApp(options: ProviderAppOptions = {}): ProviderApp {
  const delayMs = options.timeoutTokenDelayMs ?? 10_000;
  const app = Fastify(options.logger ? { loggerInstance: options.logger } : { logger: false })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();
  const ledger = createLedger();
  const holds = new Set<() => void>();

  const hold = (socket: NodeJS.EventEmitter) =>
    new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer);
        holds.delete(release);
        socket.off('close', release);
        resolve();
      };
      const timer = setTimeout(release, delayMs);
      holds.add(release);
      // A caller that gave up (its own timeout) closes the socket: stop holding for nobody.
      socket.once('close', release);
    });

  app.decorate('ledger', ledger);
  app.addHook('preClose', async () => {
    for (const release of [...holds]) release();
  });
  // Every POST is logged on arrival (even one the caller abandons), so tests can count attempts.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || !/^\/v1\/(charges|refunds)\b/.test(request.url)) return;
    const key = request.headers['idempotency-key'];
    request.providerLogEntry = ledger.log({
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      idempotency_key: typeof key === 'string' ? key : null,
      status: 0,
    });
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.providerLogEntry) request.providerLogEntry.status = reply.statusCode;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const param = error.validationContext === 'headers' ? 'Idempotency-Key' : error.validationContext;
      return reply.code(400).send(invalidRequest('parameter_invalid', error.message, param));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send(invalidRequest(error.code ?? 'invalid_request', error.message));
    request.log.error({ err: error }, 'sandbox request failed');
    return reply.code(500).send(apiError('internal', 'An error occurred in the sandbox.'));
  });

  app.register(chargesRoutes, { ledger, hold });
  app.register(refundsRoutes, { ledger });
  app.get(
    '/v1/requests',
    { schema: { querystring: Type.Object({ idempotency_key: Type.Optional(Type.String({ maxLength: 255 })) }) } },
    async (request) => ({ object: 'list', data: ledger.requests(request.query.idempotency_key) }),
  );
  app.post('/v1/reset', async (_request, reply) => {
    ledger.reset();
    return reply.code(204).send();
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  return app as unknown as ProviderApp;
}
