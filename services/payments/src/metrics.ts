// Business and provider metrics of payments, on the service's own registry.
import type { ServiceMetrics } from '@techcorp/platform';
import type { ProviderObserver } from './provider/provider.client.ts';
import type { BreakerState } from './provider/provider.policy.ts';

const BREAKER_VALUES: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2, isolated: 3 };

export interface PaymentsMetrics {
  /** Feeds provider attempts and breaker transitions into the metrics. */
  readonly provider: ProviderObserver;
  /** A payment reached a final status (approved, declined, failed): the payment success rate. */
  paymentSettled(status: 'APPROVED' | 'DECLINED' | 'FAILED', failureCode?: string | null): void;
  refund(outcome: 'refunded' | 'skipped' | 'failed'): void;
}

export function createPaymentsMetrics(metrics: ServiceMetrics): PaymentsMetrics {
  const attempts = metrics.counter('payments_provider_calls_total', 'HTTP calls to the payment provider by outcome', [
    'operation',
    'outcome',
  ]);
  const breaker = metrics.gauge(
    'payments_provider_breaker_state',
    'Circuit breaker around the provider: 0 closed, 1 half-open, 2 open, 3 isolated',
  );
  breaker.set(0);
  const settled = metrics.counter('payments_settled_total', 'Payments that reached a final status', [
    'status',
    'failure_code',
  ]);
  const refunds = metrics.counter('payments_refunds_total', 'Refund commands by outcome', ['outcome']);

  return {
    provider: {
      attempt: (operation, outcome) => attempts.inc({ operation, outcome }),
      breakerState: (state) => breaker.set(BREAKER_VALUES[state]),
    },
    paymentSettled: (status, failureCode) => settled.inc({ status, failure_code: failureCode ?? 'none' }),
    refund: (outcome) => refunds.inc({ outcome }),
  };
}
