// The API gateway: the single public entry point. Routing table, edge identity, rate limits, CORS, then the upstreams.
import {
  createAccessTokenVerifier,
  createHttpApp,
  type HttpApp,
  type KeyValueStore,
  type Logger,
  SERVICE_PORTS,
  serviceUrl,
} from '@techcorp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gatewayConfig } from './config.ts';
import { registerCors } from './edge/cors.ts';
import { createEdgeHook, edgeContext } from './edge/edge.hook.ts';
import { createEdgeAuthenticator } from './edge/edge-auth.ts';
import { createRateLimiter } from './edge/rate-limit.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { createForwarder } from './proxy/forward.ts';
import { registerUpstreamsRoute } from './proxy/upstreams.routes.ts';
import { createUpstreamRegistry, type UpstreamRegistry } from './proxy/upstreams.ts';

export interface GatewayDeps {
  logger: Logger;
  kv: KeyValueStore;
  /** Base URLs by service name; read when the gateway starts (the embedded runner may fill it after creating us). */
  urls: Record<string, string>;
  env: Record<string, string | undefined>;
}

export interface GatewayHandle {
  name: 'gateway';
  app: HttpApp;
  /** Builds the upstream pools and begins health checks. */
  start(): Promise<void>;
  /** Stops accepting requests, ends health checks and closes the upstream pools. */
  stop(): Promise<void>;
}

export const GATEWAY_PORT = SERVICE_PORTS.gateway;

/** Methods forwarded upstream; OPTIONS belongs to CORS preflight. */
const PROXIED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

export async function createGateway(deps: GatewayDeps): Promise<GatewayHandle> {
  const { logger, kv, env } = deps;
  const config = gatewayConfig(env);
  const upstreams: UpstreamRegistry = createUpstreamRegistry(config, deps.urls, logger);
  const metrics = createGatewayMetrics(() => upstreams);
  const verifier = createAccessTokenVerifier({
    issuer: config.issuer,
    audience: config.audience,
    jwksUrl: () =>
      config.jwksUrl ?? `${upstreams.get('auth').instances[0]?.url ?? serviceUrl('auth', env)}/.well-known/jwks.json`,
  });

  const app = createHttpApp({
    name: 'gateway',
    logger,
    trustIncomingContext: false,
    bodyLimit: config.bodyLimit,
    metrics: metrics.service,
    readiness: () => kv.ping(),
  });
  // Bodies pass through untouched: the upstream owns their format and validation.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await registerCors(app, config.corsOrigins);

  const edge = createEdgeHook({
    trustProxy: config.trustProxy,
    authenticator: createEdgeAuthenticator(verifier, kv, logger),
    limiter: createRateLimiter({
      kv,
      rules: config.rateLimits,
      logger,
      storeErrors: metrics.rateLimitStoreErrors,
    }),
    metrics,
  });
  const forward = createForwarder({ upstreams, secret: config.secret, metrics });
  registerUpstreamsRoute(app, upstreams, edge);
  app.route({
    method: PROXIED_METHODS,
    url: '/*',
    onRequest: edge,
    handler: (request: FastifyRequest, reply: FastifyReply) => forward(request, reply, edgeContext(request)),
  });

  return {
    name: 'gateway',
    app,
    async start() {
      upstreams.start();
    },
    async stop() {
      await app.close();
      await upstreams.stop();
    },
  };
}
