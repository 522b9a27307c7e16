// Upstream services: one keep-alive pool per instance, round-robin over healthy ones, active health checks, a breaker each.
import type { Logger } from '@techcorp/platform';
import { type CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { Pool } from 'undici';
import type { GatewayConfig } from '../config.ts';
import { UPSTREAMS, type UpstreamName } from '../routing/route-table.ts';
import { breaksCircuit } from './upstream-errors.ts';

export interface Instance {
  /** Base URL without credentials (safe to show and label metrics with). */
  readonly url: string;
  readonly basePath: string;
  readonly pool: Pool;
  healthy: boolean;
  /** Consecutive failed health checks. */
  failures: number;
}

export interface Upstream {
  readonly name: UpstreamName;
  readonly instances: readonly Instance[];
  readonly breaker: CircuitBreakerPolicy;
  /** Round-robin over healthy instances other than `except`; over all of them when none is healthy (panic mode). */
  pick(except?: Instance): Instance | null;
  /** A connection could not be made: take the instance out of rotation until a health check passes. */
  markUnreachable(instance: Instance): void;
  /** Seconds until an open breaker lets a trial call through (at least 1). */
  retryAfterSeconds(): number;
}

export interface UpstreamRegistry {
  get(name: UpstreamName): Upstream;
  all(): Upstream[];
  /** Builds every pool (reading `urls` now) and begins health checks. */
  start(): void;
  /** Ends health checks and closes every pool. */
  stop(): Promise<void>;
}

export const UNHEALTHY_AFTER_FAILURES = 2;
/** Status codes that say the service (not the request) is in trouble. */
export const FAILING_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

type Settings = Pick<
  GatewayConfig,
  | 'upstreamOverrides'
  | 'upstreamTimeoutMs'
  | 'connectTimeoutMs'
  | 'connectionsPerInstance'
  | 'healthIntervalMs'
  | 'healthTimeoutMs'
  | 'breakerFailures'
  | 'breakerHalfOpenMs'
>;

export function createUpstreamRegistry(
  config: Settings,
  urls: Record<string, string>,
  logger: Logger,
): UpstreamRegistry {
  const upstreams = new Map<UpstreamName, Upstream>();
  let timer: NodeJS.Timeout | null = null;
  const stopping = new AbortController();
  const checking = new Map<Instance, Promise<void>>();

  const newInstance = (base: string): Instance => {
    const url = new URL(base);
    url.username = '';
    url.password = '';
    const basePath = url.pathname.replace(/\/+$/, '');
    const pool = new Pool(url.origin, {
      connections: config.connectionsPerInstance,
      connectTimeout: config.connectTimeoutMs,
      headersTimeout: config.upstreamTimeoutMs,
      bodyTimeout: config.upstreamTimeoutMs,
    });
    return { url: `${url.origin}${basePath}`, basePath, pool, healthy: true, failures: 0 };
  };

  const build = (name: UpstreamName): Upstream => {
    const bases = config.upstreamOverrides[name] ?? (urls[name] ? [urls[name]] : []);
    const instances = bases.map(newInstance);
    const policy = handleWhen(breaksCircuit).orWhenResult((result) =>
      FAILING_STATUSES.has((result as { statusCode?: number }).statusCode ?? 0),
    );
    const breaker = circuitBreaker(policy, {
      halfOpenAfter: config.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(config.breakerFailures),
    });
    let openedAt = 0;
    breaker.onStateChange((state) => {
      if (state === CircuitState.Open) openedAt = Date.now();
      const level = state === CircuitState.Closed ? 'info' : 'warn';
      logger[level]({ upstream: name, breaker: CircuitState[state] }, 'circuit breaker state changed');
    });
    let cursor = 0;
    return {
      name,
      instances,
      breaker,
      pick(except) {
        const others = instances.filter((instance) => instance !== except);
        const healthy = others.filter((instance) => instance.healthy);
        const candidates = healthy.length > 0 ? healthy : others;
        if (candidates.length === 0) return null;
        const chosen = candidates[cursor % candidates.length] as Instance;
        cursor = (cursor + 1) % 1_000_000_000;
        return chosen;
      },
      markUnreachable(instance) {
        if (instance.healthy) logger.warn({ upstream: name, instance: instance.url }, 'upstream instance unreachable');
        instance.healthy = false;
        instance.failures = Math.max(instance.failures, UNHEALTHY_AFTER_FAILURES);
      },
      retryAfterSeconds: () => Math.max(1, Math.ceil((openedAt + config.breakerHalfOpenMs - Date.now()) / 1000)),
    };
  };

  const get = (name: UpstreamName): Upstream => {
    let upstream = upstreams.get(name);
    if (!upstream) {
      upstream = build(name);
      upstreams.set(name, upstream);
    }
    return upstream;
  };

  const check = async (upstream: Upstream, instance: Instance): Promise<void> => {
    const timeout = config.healthTimeoutMs;
    let ok = false;
    try {
      const response = await instance.pool.request({
        method: 'GET',
        path: `${instance.basePath}/health/ready`,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.any([AbortSignal.timeout(timeout), stopping.signal]),
      });
      await response.body.dump();
      ok = response.statusCode >= 200 && response.statusCode < 300;
    } catch {
      ok = false;
    }
    if (stopping.signal.aborted) return;
    if (ok) {
      if (!instance.healthy)
        logger.info({ upstream: upstream.name, instance: instance.url }, 'upstream instance healthy');
      instance.healthy = true;
      instance.failures = 0;
      return;
    }
    instance.failures++;
    if (instance.healthy && instance.failures >= UNHEALTHY_AFTER_FAILURES) {
      instance.healthy = false;
      logger.warn({ upstream: upstream.name, instance: instance.url }, 'upstream instance failed its health checks');
    }
  };

  const checkAll = () => {
    for (const upstream of upstreams.values()) {
      for (const instance of upstream.instances) {
        // A check still waiting on its timeout is not doubled up on by the next tick.
        if (checking.has(instance)) continue;
        const running = check(upstream, instance).finally(() => checking.delete(instance));
        checking.set(instance, running);
      }
    }
  };

  return {
    get,
    all: () => [...upstreams.values()],
    start() {
      // Anything built before start() read `urls` too early (the embedded runner fills them in late): rebuild it.
      const early = [...upstreams.values()];
      upstreams.clear();
      for (const upstream of early) for (const instance of upstream.instances) void instance.pool.close();
      for (const name of UPSTREAMS) {
        const upstream = get(name);
        if (upstream.instances.length === 0) logger.warn({ upstream: name }, 'no instance configured for upstream');
      }
      checkAll();
      timer = setInterval(checkAll, config.healthIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      stopping.abort();
      await Promise.allSettled(checking.values());
      await Promise.allSettled(
        [...upstreams.values()].flatMap((upstream) => upstream.instances.map((instance) => instance.pool.close())),
      );
    },
  };
}
