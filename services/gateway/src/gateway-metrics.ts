// The gateway's Prometheus metrics: the platform's RED metrics plus upstream traffic, health, breakers and rate limits.
import { type Counter, createServiceMetrics, type Histogram, type ServiceMetrics } from '@techcorp/platform';
import type { UpstreamRegistry } from './proxy/upstreams.ts';

export interface GatewayMetrics {
  readonly service: ServiceMetrics;
  /** status: the upstream's HTTP status, or connect_error / socket_error / timeout / aborted / error / circuit_open. */
  readonly upstreamRequests: Counter<'upstream' | 'status'>;
  /** Time from sending a request to the upstream's response headers (or its failure). */
  readonly upstreamDuration: Histogram<'upstream'>;
  readonly rateLimited: Counter<'rule'>;
  readonly rateLimitStoreErrors: Counter<never>;
}

const UPSTREAM_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createGatewayMetrics(upstreams: () => UpstreamRegistry): GatewayMetrics {
  const service = createServiceMetrics('gateway', { processMetrics: true });
  service.gauge(
    'gateway_upstream_instance_healthy',
    'Whether an upstream instance is in rotation (1) or not (0)',
    ['upstream', 'instance'],
    (gauge) => {
      gauge.reset();
      for (const upstream of upstreams().all()) {
        for (const instance of upstream.instances) {
          gauge.set({ upstream: upstream.name, instance: instance.url }, instance.healthy ? 1 : 0);
        }
      }
    },
  );
  service.gauge(
    'gateway_circuit_breaker_state',
    'Circuit breaker per upstream: 0 closed, 1 open, 2 half-open, 3 isolated',
    ['upstream'],
    (gauge) => {
      for (const upstream of upstreams().all()) gauge.set({ upstream: upstream.name }, upstream.breaker.state);
    },
  );
  return {
    service,
    upstreamRequests: service.counter('gateway_upstream_requests_total', 'Requests sent to upstreams', [
      'upstream',
      'status',
    ]),
    upstreamDuration: service.histogram(
      'gateway_upstream_duration_seconds',
      'Upstream latency to response headers',
      ['upstream'],
      UPSTREAM_BUCKETS,
    ),
    rateLimited: service.counter('gateway_rate_limited_total', 'Requests refused by a rate limit', ['rule']),
    rateLimitStoreErrors: service.counter(
      'gateway_rate_limit_store_errors_total',
      'Rate-limit checks skipped because the store was unreachable',
    ),
  };
}
