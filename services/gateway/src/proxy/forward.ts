// Forwards a request upstream: signed context, round-robin, one retry for idempotent reads, breaker, streamed answer.
import { currentContext, newTraceparent, notFound, problemType, sendProblem, signContext } from '@techcorp/platform';
import { BrokenCircuitError, CircuitState, IsolatedCircuitError } from 'cockatiel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import type { EdgeContext } from '../edge/edge.hook.ts';
import type { GatewayMetrics } from '../gateway-metrics.ts';
import { pathOf, upstreamTarget } from '../routing/route-match.ts';
import type { UpstreamName } from '../routing/route-table.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from './forward-headers.ts';
import { type FailureKind, failureKind, NoInstanceError, TrialInFlightError } from './upstream-errors.ts';
import type { Instance, Upstream, UpstreamRegistry } from './upstreams.ts';

export interface ForwarderDeps {
  upstreams: UpstreamRegistry;
  secret: string;
  metrics: GatewayMetrics;
}

export type Forwarder = (request: FastifyRequest, reply: FastifyReply, edge: EdgeContext) => Promise<FastifyReply>;

const IDEMPOTENT_READS = new Set(['GET', 'HEAD']);
const STATUS_LABEL: Record<FailureKind, string> = {
  connect: 'connect_error',
  socket: 'socket_error',
  timeout: 'timeout',
  aborted: 'aborted',
  other: 'error',
};

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const { metrics, secret } = deps;

  return async (request, reply, edge) => {
    // The gateway's own rows have their own Fastify routes; one landing here has nothing to forward to.
    if (edge.route.upstream === 'gateway')
      throw notFound(`no route matches ${request.method} ${pathOf(request.url).slice(0, 200)}`);
    const name: UpstreamName = edge.route.upstream;
    const upstream = deps.upstreams.get(name);
    const method = request.method as Dispatcher.HttpMethod;
    const target = upstreamTarget(edge.route, request.url);
    const common: Record<string, string> = {
      'x-correlation-id': request.id,
      traceparent: currentContext()?.traceparent ?? newTraceparent(),
      'x-forwarded-for': edge.client.forwardedFor,
      'x-forwarded-proto': edge.client.proto,
    };
    if (edge.client.host) common['x-forwarded-host'] = edge.client.host;
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    // The client hung up before the answer: stop waiting for the upstream on its behalf.
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });

    const send = async (instance: Instance): Promise<Dispatcher.ResponseData> => {
      const path = `${instance.basePath}${target}`;
      const signed = signContext(secret, { identity: edge.identity, clientIp: edge.client.ip }, { method, url: path });
      const headers = upstreamRequestHeaders(request.headers, {
        keepAuthorization: edge.route.forwardAuthorization === true,
        added: { ...common, ...signed },
      });
      const started = performance.now();
      const took = () => (performance.now() - started) / 1000;
      try {
        const response = await instance.pool.request({ method, path, headers, body, signal: abort.signal });
        metrics.upstreamDuration.observe({ upstream: name }, took());
        metrics.upstreamRequests.inc({ upstream: name, status: String(response.statusCode) });
        return response;
      } catch (error) {
        const kind = failureKind(error);
        metrics.upstreamDuration.observe({ upstream: name }, took());
        metrics.upstreamRequests.inc({ upstream: name, status: STATUS_LABEL[kind] });
        if (kind === 'connect') upstream.markUnreachable(instance);
        throw error;
      }
    };

    const call = async (): Promise<Dispatcher.ResponseData> => {
      const first = upstream.pick();
      if (!first) throw new NoInstanceError(`no instance of ${name}`);
      try {
        return await send(first);
      } catch (error) {
        const kind = failureKind(error);
        if (!IDEMPOTENT_READS.has(method) || (kind !== 'connect' && kind !== 'socket')) throw error;
        // A lone instance is worth a second try only for a broken socket (a keep-alive connection closed under us).
        const second = upstream.pick(first) ?? (kind === 'socket' ? first : null);
        if (!second) throw error;
        return await send(second);
      }
    };

    let response: Dispatcher.ResponseData;
    try {
      if (upstream.breaker.state === CircuitState.HalfOpen) throw new TrialInFlightError();
      response = await upstream.breaker.execute(call);
    } catch (error) {
      return sendFailure(request, reply, upstream, error, deps);
    }
    reply.code(response.statusCode);
    reply.headers(clientResponseHeaders(response.headers));
    reply.header('x-correlation-id', request.id);
    return reply.send(response.body);
  };
}

function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  error: unknown,
  deps: ForwarderDeps,
): FastifyReply {
  const problem = (status: number, code: string, title: string, detail: string) =>
    sendProblem(reply, {
      type: problemType(code),
      title,
      status,
      detail,
      instance: pathOf(request.url).slice(0, 200),
    });
  const log = { upstream: upstream.name };
  if (
    error instanceof BrokenCircuitError ||
    error instanceof IsolatedCircuitError ||
    error instanceof TrialInFlightError
  ) {
    deps.metrics.upstreamRequests.inc({ upstream: upstream.name, status: 'circuit_open' });
    reply.header('retry-after', String(upstream.retryAfterSeconds()));
    return problem(503, 'circuit-open', 'Service Unavailable', 'the service is temporarily unavailable; retry later');
  }
  if (error instanceof NoInstanceError) {
    request.log.error(log, 'no upstream instance configured');
    return problem(503, 'unavailable', 'Service Unavailable', 'the service is temporarily unavailable');
  }
  const kind = failureKind(error);
  const code = (error as { code?: unknown }).code;
  if (kind === 'timeout') {
    request.log.warn({ ...log, code }, 'upstream timed out');
    return problem(504, 'gateway-timeout', 'Gateway Timeout', 'the service did not answer in time');
  }
  if (kind === 'aborted') {
    request.log.info(log, 'client went away before the upstream answered');
  } else if (kind === 'connect' || kind === 'socket') {
    request.log.warn({ ...log, code, kind }, 'upstream unreachable');
  } else {
    request.log.error({ ...log, err: error }, 'forwarding failed');
  }
  return problem(502, 'bad-gateway', 'Bad Gateway', 'the service could not be reached');
}
