// GET /api/gateway/upstreams (ADMIN): every upstream's instances, their health and the breaker state. No secrets.
import { type Static, Type } from '@sinclair/typebox';
import type { HttpApp } from '@techcorp/platform';
import { CircuitState } from 'cockatiel';
import type { onRequestAsyncHookHandler } from 'fastify';
import { UPSTREAMS } from '../routing/route-table.ts';
import type { UpstreamRegistry } from './upstreams.ts';

const BreakerState = Type.Union([
  Type.Literal('closed'),
  Type.Literal('open'),
  Type.Literal('half-open'),
  Type.Literal('isolated'),
]);

const UpstreamsView = Type.Object(
  {
    upstreams: Type.Array(
      Type.Object({
        name: Type.String(),
        breaker: BreakerState,
        instances: Type.Array(
          Type.Object({ url: Type.String(), healthy: Type.Boolean(), failedChecks: Type.Integer({ minimum: 0 }) }),
        ),
      }),
    ),
  },
  { additionalProperties: false },
);
type UpstreamsView = Static<typeof UpstreamsView>;

const BREAKER_NAMES: Record<CircuitState, Static<typeof BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

export function upstreamsView(registry: UpstreamRegistry): UpstreamsView {
  return {
    upstreams: UPSTREAMS.map((name) => {
      const upstream = registry.get(name);
      return {
        name,
        breaker: BREAKER_NAMES[upstream.breaker.state],
        instances: upstream.instances.map((i) => ({ url: i.url, healthy: i.healthy, failedChecks: i.failures })),
      };
    }),
  };
}

export function registerUpstreamsRoute(app: HttpApp, registry: UpstreamRegistry, edge: onRequestAsyncHookHandler) {
  app.get(
    '/api/gateway/upstreams',
    { onRequest: edge, schema: { response: { 200: UpstreamsView } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return upstreamsView(registry);
    },
  );
}
