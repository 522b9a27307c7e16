// Prometheus metrics per service: its own Registry (many services share a process when embedded), RED metrics, helpers.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type { Counter, Gauge, Histogram, Registry } from 'prom-client';

type Http = 'method' | 'route' | 'status';

export interface ServiceMetrics {
  readonly service: string;
  readonly registry: Registry;
  /** RED: rate and errors, by method, route pattern and status code. */
  readonly httpRequests: Counter<Http>;
  /** RED: duration, by method, route pattern and status code. */
  readonly httpDuration: Histogram<Http>;
  /** A counter on this service's registry (the same one again when the name is already registered). */
  counter<L extends string = never>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  /** A gauge; `collect` runs on every scrape (e.g. outbox pending, DLQ depth). A failing collect keeps the last value. */
  gauge<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    collect?: (gauge: Gauge<L>) => void | Promise<void>,
  ): Gauge<L>;
  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: readonly number[],
  ): Histogram<L>;
}

export interface ServiceMetricsOptions {
  /** Add Node process metrics (CPU, memory, event loop) to this registry; only the first request per process gets them. */
  processMetrics?: boolean;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
let processMetricsTaken = false;

export function createServiceMetrics(service: string, options: ServiceMetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Process metrics describe the process, not a service: registering them on several registries would report them twice.
  if (options.processMetrics && !processMetricsTaken) {
    processMetricsTaken = true;
    collectDefaultMetrics({ register: registry });
  }

  const existing = <M>(name: string) => registry.getSingleMetric(name) as M | undefined;
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    existing<Counter<L>>(name) ?? new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets: readonly number[] = HTTP_BUCKETS,
  ) =>
    existing<Histogram<L>>(name) ??
    new Histogram<L>({ name, help, labelNames, buckets: [...buckets], registers: [registry] });
  const gauge = <L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    collect?: (gauge: Gauge<L>) => void | Promise<void>,
  ) => {
    const found = existing<Gauge<L>>(name);
    if (found) return found;
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      ...(collect && {
        async collect(this: Gauge<L>) {
          try {
            await collect(this);
          } catch {
            // One unreachable dependency must not take down the whole scrape.
          }
        },
      }),
    });
  };

  return {
    service,
    registry,
    httpRequests: counter('http_requests_total', 'HTTP requests handled', ['method', 'route', 'status']),
    httpDuration: histogram('http_request_duration_seconds', 'HTTP request duration', ['method', 'route', 'status']),
    counter,
    gauge,
    histogram,
  };
}
