// Payments settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './provider/provider.policy.ts';

export interface PaymentsSettings {
  provider: ResilienceSettings;
  /** payment.process/refund handled at once per instance (each may wait seconds on the provider). */
  prefetch: number;
  /** Bus redelivery delays for a command that could not be settled yet; undefined = the bus default. */
  commandRetryDelaysMs: number[] | undefined;
}

type Env = Record<string, string | undefined>;

function number(env: Env, name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`);
  return value;
}

function delays(env: Env, name: string): number[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 3_600_000))
    throw new Error(`${name} must be a comma-separated list of delays in ms, got "${raw}"`);
  return values;
}

export function readPaymentsSettings(env: Env): PaymentsSettings {
  const d = DEFAULT_RESILIENCE;
  const settings: PaymentsSettings = {
    provider: {
      timeoutMs: number(env, 'PAYMENTS_PROVIDER_TIMEOUT_MS', d.timeoutMs, 1, 120_000),
      retries: number(env, 'PAYMENTS_RETRY_MAX', d.retries, 0, 10),
      retryBaseMs: number(env, 'PAYMENTS_RETRY_BASE_MS', d.retryBaseMs, 0, 60_000),
      retryMaxDelayMs: number(env, 'PAYMENTS_RETRY_MAX_DELAY_MS', d.retryMaxDelayMs, 0, 300_000),
      breakerWindow: number(env, 'PAYMENTS_BREAKER_WINDOW', d.breakerWindow, 1, 1000),
      breakerMinCalls: number(env, 'PAYMENTS_BREAKER_MIN_CALLS', d.breakerMinCalls, 1, 1000),
      breakerFailureRate: number(env, 'PAYMENTS_BREAKER_FAILURE_RATE', d.breakerFailureRate, 0.01, 0.99, false),
      breakerHalfOpenMs: number(env, 'PAYMENTS_BREAKER_HALF_OPEN_MS', d.breakerHalfOpenMs, 1, 600_000),
    },
    prefetch: number(env, 'PAYMENTS_PREFETCH', 16, 1, 1000),
    commandRetryDelaysMs: delays(env, 'PAYMENTS_COMMAND_RETRY_DELAYS_MS'),
  };
  if (settings.provider.breakerMinCalls > settings.provider.breakerWindow)
    throw new Error('PAYMENTS_BREAKER_MIN_CALLS must not be above PAYMENTS_BREAKER_WINDOW');
  return settings;
}
