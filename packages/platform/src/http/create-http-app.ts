// The Fastify app every service builds on: TypeBox types, strict validation, problem+json errors, probes, RED metrics.
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { AppError, notFound } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { createServiceMetrics, type ServiceMetrics } from '../metrics.ts';
import { PROBE_ROUTES, registerHealthRoutes } from './health.ts';
import { type Problem, sendProblem, toProblem } from './problem.ts';
import { CORRELATION_HEADER, correlationIdFor, inRequestContext, installRequestContext } from './request-context.ts';
import { buildValidator } from './validation.ts';

/** The app type services register routes on: request and reply types come from the TypeBox schemas. */
type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpAppOptions {
  name: string;
  logger: Logger;
  /** Largest accepted request body in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Resolves when the service can take traffic (database, bus, kv reachable); rejects otherwise. */
  readiness?: () => Promise<void>;
  /** The service's metrics; one is created when omitted, so every app exposes /metrics. */
  metrics?: ServiceMetrics;
  /**
   * Keep the caller's x-correlation-id and traceparent (default). The gateway sets false: at the edge these come
   * from untrusted clients, so every request starts a fresh correlation id and trace.
   */
  trustIncomingContext?: boolean;
}

const DEFAULT_BODY_LIMIT = 64 * 1024;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export function createHttpApp(options: HttpAppOptions): HttpApp {
  const metrics = options.metrics ?? createServiceMetrics(options.name);
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    genReqId: options.trustIncomingContext === false ? () => randomUUID() : correlationIdFor,
    // The access line is written in onResponse (inside the request context, so it carries the correlation id).
    logController: new LogController({ disableRequestLogging: true }),
    // Typed by @fastify/ajv-compiler as taking a bare schema; Fastify in fact passes { schema, httpPart, ... }.
    schemaController: { compilersFactory: { buildValidator: buildValidator as unknown as ValidatorFactory } },
    frameworkErrors: (error, request, reply) => {
      reply.header(CORRELATION_HEADER, request.id);
      sendProblem(reply, withInstance(toProblem(error), request));
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HttpApp;

  // JSON is the only body format; text/plain (a Fastify default) would reach handlers as an unvalidated string.
  app.removeContentTypeParser('text/plain');
  installRequestContext(app, { trustIncomingTraceparent: options.trustIncomingContext !== false });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => recordResponse(metrics, request, reply));
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((m) => m !== request.method && app.findRoute({ method: m, url: path }));
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      throw new AppError(405, 'method-not-allowed', `${request.method} is not allowed here; use ${allowed.join(', ')}`);
    }
    throw notFound(`no route matches ${request.method} ${path.slice(0, 200)}`);
  });
  registerHealthRoutes(app as unknown as FastifyInstance, { readiness: options.readiness, metrics });
  return app;
}

function withInstance(problem: Problem, request: FastifyRequest): Problem {
  return { ...problem, instance: (request.url.split('?')[0] ?? '/').slice(0, 200) };
}

function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = withInstance(toProblem(error), request);
  inRequestContext(request, () => {
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, type: problem.type }, problem.detail);
  });
  return sendProblem(reply, problem);
}

function recordResponse(metrics: ServiceMetrics, request: FastifyRequest, reply: FastifyReply): void {
  // The route pattern, never the raw URL: /orders/:id is one series, not one per order. Unmatched URLs share one label.
  const route = request.routeOptions.url ?? 'unmatched';
  const probe = PROBE_ROUTES.has(route);
  if (!probe) {
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  }
  inRequestContext(request, () => {
    const line = { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (probe) request.log.debug(line, 'request completed');
    else request.log.info(line, 'request completed');
  });
}
