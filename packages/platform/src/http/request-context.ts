// Correlation id and traceparent per request, and the async context the rest of the request runs in.
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newTraceparent, type RequestContext, runWithContext } from '../context.ts';

export const CORRELATION_HEADER = 'x-correlation-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Fastify `genReqId`: the caller's correlation id when it is a sane token, else a fresh UUID. */
export function correlationIdFor(raw: IncomingMessage): string {
  const given = raw.headers[CORRELATION_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** A valid incoming W3C traceparent is kept (same trace); anything else starts a new trace. */
export function traceparentFor(header: unknown): string {
  const match = typeof header === 'string' ? TRACEPARENT.exec(header) : null;
  if (!match || match[1] === 'ff' || /^0+$/.test(match[2] ?? '') || /^0+$/.test(match[3] ?? '')) {
    return newTraceparent();
  }
  return header as string;
}

const contexts = new WeakMap<FastifyRequest, RequestContext>();
const resources = new WeakMap<FastifyRequest, AsyncResource>();

/** The request's context, for code that runs outside its async chain (error handler after a body error, onResponse). */
export function requestContext(request: FastifyRequest): RequestContext | undefined {
  return contexts.get(request);
}

/** Runs fn in the request's context when it has one. */
export function inRequestContext<T>(request: FastifyRequest, fn: () => T): T {
  const context = contexts.get(request);
  return context ? runWithContext(context, fn) : fn();
}

export function installRequestContext(
  app: FastifyInstance,
  options: { trustIncomingTraceparent?: boolean } = {},
): void {
  const trusted = options.trustIncomingTraceparent !== false;
  app.addHook('onRequest', (request, reply, done) => {
    const context: RequestContext = {
      correlationId: request.id,
      causationId: null,
      traceparent: trusted ? traceparentFor(request.headers.traceparent) : newTraceparent(),
    };
    contexts.set(request, context);
    reply.header(CORRELATION_HEADER, context.correlationId);
    runWithContext(context, () => {
      const resource = new AsyncResource('techcorp.http.request');
      resources.set(request, resource);
      resource.runInAsyncScope(done);
    });
  });
  // Body chunks arrive on socket events; Node 24's AsyncContextFrame keeps the context across them, but the
  // async_hooks-based storage of other runtimes loses it. Re-entering here (as @fastify/request-context does) keeps
  // validation, the handler and everything after them in the request's context either way.
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = resources.get(request);
    if (resource) resource.runInAsyncScope(done);
    else done();
  });
}
