// The orders service's settings, read from the environment and checked at boot.
import { DEFAULT_SAGA_POLICY, type SagaPolicy, type Step } from './checkout-saga/checkout.types.ts';

export interface OrdersConfig {
  policy: SagaPolicy;
  reservationTtlSeconds: number;
  sweepIntervalMs: number;
  /** Longest `Prefer: wait=N` honoured, in seconds. */
  maxWaitSeconds: number;
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function ordersConfig(env: Record<string, string | undefined>): OrdersConfig {
  const stepTimeout = env.ORDERS_STEP_TIMEOUT_MS ? positiveInt(env, 'ORDERS_STEP_TIMEOUT_MS', 1) : null;
  const replyTimeoutMs = { ...DEFAULT_SAGA_POLICY.replyTimeoutMs };
  if (stepTimeout !== null)
    for (const step of Object.keys(replyTimeoutMs) as Step[]) replyTimeoutMs[step] = stepTimeout;
  return {
    policy: {
      deadlineMs: positiveInt(env, 'ORDERS_SAGA_DEADLINE_MS', DEFAULT_SAGA_POLICY.deadlineMs),
      maxRetries: positiveInt(env, 'ORDERS_SAGA_MAX_RETRIES', DEFAULT_SAGA_POLICY.maxRetries),
      replyTimeoutMs,
      maxCompensationDelayMs: positiveInt(
        env,
        'ORDERS_MAX_COMPENSATION_DELAY_MS',
        DEFAULT_SAGA_POLICY.maxCompensationDelayMs,
      ),
    },
    reservationTtlSeconds: positiveInt(env, 'ORDERS_RESERVATION_TTL_SECONDS', 15 * 60),
    sweepIntervalMs: positiveInt(env, 'ORDERS_SWEEP_INTERVAL_MS', 1000),
    maxWaitSeconds: positiveInt(env, 'ORDERS_MAX_WAIT_SECONDS', 30),
  };
}
