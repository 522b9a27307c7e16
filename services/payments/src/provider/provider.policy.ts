// Resilience around the payment provider (seed 003): per-attempt timeout, retries with backoff, a circuit breaker.
import {
  CircuitState,
  CountBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';

export interface ResilienceSettings {
  /** Per attempt; the fetch is aborted when it passes. */
  timeoutMs: number;
  /** Retries after the first attempt (3 -> up to 4 attempts). */
  retries: number;
  /** First backoff delay; later ones grow exponentially (with jitter). */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** Count-based sliding window of calls the breaker looks at. */
  breakerWindow: number;
  breakerMinCalls: number;
  /** Share of failed calls in the window (0..1) that opens the breaker. */
  breakerFailureRate: number;
  /** How long the breaker stays open before letting a trial call through. */
  breakerHalfOpenMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 3000,
  retries: 3,
  retryBaseMs: 1000,
  retryMaxDelayMs: 10_000,
  breakerWindow: 10,
  breakerMinCalls: 5,
  breakerFailureRate: 0.5,
  breakerHalfOpenMs: 5000,
};

export type BreakerState = 'closed' | 'open' | 'half_open' | 'isolated';

/** The provider could not give an answer (5xx, 429, network): worth another attempt. A decline is not this. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

/** An attempt that ran out of time (its fetch was aborted). */
export class ProviderTimeoutError extends ProviderUnavailableError {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export const isTransient = (error: unknown): boolean =>
  error instanceof ProviderUnavailableError || isTaskCancelledError(error);

/** The breaker refused the call without trying it. */
export const isShortCircuit = (error: unknown): boolean => isBrokenCircuitError(error);

/** Why the policy gave up, in words fit for a failure reason. */
export function describeFailure(error: unknown, settings: ResilienceSettings): string {
  if (isBrokenCircuitError(error)) return 'circuit breaker open';
  if (isTaskCancelledError(error)) return `no answer within ${settings.timeoutMs} ms`;
  if (error instanceof ProviderUnavailableError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export interface ProviderPolicy {
  /** Timeout + retries + breaker: for calls that change something at the provider (charges, refunds). */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Timeout only, bypassing the breaker: reconciliation must be able to ask even while the breaker is open. */
  executeOnce<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  readonly breakerState: BreakerState;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

export function createProviderPolicy(
  settings: ResilienceSettings,
  onBreakerState: (state: BreakerState) => void = () => {},
): ProviderPolicy {
  const transient = handleWhen(isTransient);
  const perAttempt = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: settings.breakerHalfOpenMs,
    breaker: new CountBreaker({
      // resilience4j (seed 003) opens AT the rate; CountBreaker opens strictly above it.
      threshold: settings.breakerFailureRate - 1e-9,
      size: settings.breakerWindow,
      minimumNumberOfCalls: settings.breakerMinCalls,
    }),
  });
  breaker.onStateChange((state) => onBreakerState(STATES[state]));
  // An open breaker is not transient, so it is not retried: the caller fails fast.
  const retries = retry(transient, {
    maxAttempts: settings.retries,
    backoff: new ExponentialBackoff({ initialDelay: settings.retryBaseMs, maxDelay: settings.retryMaxDelayMs }),
  });
  const full = wrap(retries, breaker, perAttempt);
  const once = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  // The aborted fetch may reject before the timeout policy does: either way the attempt timed out (transient).
  const attempt =
    <T>(fn: (signal: AbortSignal) => Promise<T>) =>
    ({ signal }: { signal: AbortSignal }) =>
      fn(signal).catch((error: unknown) => {
        throw signal.aborted ? new ProviderTimeoutError(settings.timeoutMs) : error;
      });

  return {
    execute: (fn) => full.execute(attempt(fn)),
    executeOnce: (fn) => once.execute(attempt(fn)),
    get breakerState() {
      return STATES[breaker.state];
    },
  };
}
