// Service metrics: one registry per service, idempotent helpers, scrape-time gauges that cannot break a scrape.
import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './metrics.ts';

describe('createServiceMetrics', () => {
  it('gives each service its own registry, labelled with the service', async () => {
    const orders = createServiceMetrics('orders');
    const payments = createServiceMetrics('payments');
    orders.counter('orders_created_total', 'Orders created').inc(3);
    const text = await orders.registry.metrics();
    expect(text).toContain('orders_created_total{service="orders"} 3');
    expect(await payments.registry.metrics()).not.toContain('orders_created_total');
  });

  it('returns the same metric when a name is registered twice instead of throwing', () => {
    const metrics = createServiceMetrics('orders');
    const first = metrics.counter('saga_outcomes_total', 'Saga outcomes', ['outcome']);
    const second = metrics.counter('saga_outcomes_total', 'Saga outcomes', ['outcome']);
    expect(second).toBe(first);
  });

  it('runs a gauge collect on every scrape and keeps the scrape alive when collect fails', async () => {
    const metrics = createServiceMetrics('orders');
    let pending = 4;
    metrics.gauge('outbox_pending', 'Outbox rows not yet published', [], (gauge) => gauge.set(pending));
    metrics.gauge('dlq_depth', 'Dead-lettered messages', ['queue'], async () => {
      throw new Error('broker unreachable');
    });
    expect(await metrics.registry.metrics()).toContain('outbox_pending{service="orders"} 4');
    pending = 0;
    expect(await metrics.registry.metrics()).toContain('outbox_pending{service="orders"} 0');
  });

  it('adds process metrics to the first registry that asks, and only to that one', async () => {
    const first = createServiceMetrics('a', { processMetrics: true });
    const second = createServiceMetrics('b', { processMetrics: true });
    const hasProcess = async (m: typeof first) => (await m.registry.metrics()).includes('process_cpu_seconds_total');
    expect([await hasProcess(first), await hasProcess(second)].filter(Boolean)).toHaveLength(1);
    first.histogram('step_seconds', 'Step duration', [], [0.1, 1]).observe(0.5);
    expect(await first.registry.metrics()).toContain('step_seconds_bucket{le="1",service="a"} 1');
  });
});
