// HTTP client of the payment provider (Stripe-like sandbox): idempotent charges and refunds behind the policy.
import type { ChargeLookup, ChargeResult } from '../payment/payment.decider.ts';
import type { RefundResult } from '../payment/refund.decider.ts';
import {
  type BreakerState,
  createProviderPolicy,
  describeFailure,
  isShortCircuit,
  ProviderUnavailableError,
  type ResilienceSettings,
} from './provider.policy.ts';

export type ProviderOperation = 'charge' | 'refund' | 'lookup';
/** Per attempt: succeeded | declined | rejected | not_found | server_error | network_error | timeout | short_circuited. */
export type AttemptOutcome = string;

export interface ProviderObserver {
  attempt(operation: ProviderOperation, outcome: AttemptOutcome): void;
  breakerState(state: BreakerState): void;
}

export interface ChargeInput {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
  cardToken: string;
}

export interface ProviderClient {
  /** Charges with Idempotency-Key = paymentId; `attempts` counts the HTTP requests made. Never throws. */
  charge(input: ChargeInput): Promise<{ result: ChargeResult; attempts: number }>;
  /** Looks a charge up by its idempotency key (reconciliation); bypasses the breaker. Never throws. */
  findCharge(paymentId: string): Promise<ChargeLookup>;
  /** Refunds with Idempotency-Key = `refund-<paymentId>`. Never throws. */
  refund(input: { paymentId: string; chargeId: string; amount: number }): Promise<RefundResult>;
  readonly breakerState: BreakerState;
}

export interface ProviderClientOptions {
  baseUrl: string;
  settings: ResilienceSettings;
  observer?: ProviderObserver;
}

interface ProviderError {
  error?: { code?: string; message?: string };
}

const MAX_MESSAGE = 300;
const errorOf = (body: unknown) => {
  const error = (body as ProviderError | null)?.error;
  return { code: error?.code ?? 'unknown', message: (error?.message ?? 'no detail').slice(0, MAX_MESSAGE) };
};

export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const observer = options.observer;
  const policy = createProviderPolicy(options.settings, (state) => observer?.breakerState(state));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  /** One HTTP attempt: answers the status and JSON body, or throws a transient error for 5xx/429/network. */
  async function send(operation: ProviderOperation, path: string, signal: AbortSignal, init: RequestInit = {}) {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, signal });
    } catch (error) {
      observer?.attempt(operation, signal.aborted ? 'timeout' : 'network_error');
      if (signal.aborted) throw error; // the policy turns it into a timeout
      throw new ProviderUnavailableError(`network error: ${(error as Error).message}`.slice(0, MAX_MESSAGE));
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status >= 500 || response.status === 429) {
      observer?.attempt(operation, 'server_error');
      throw new ProviderUnavailableError(`provider answered ${response.status} (${errorOf(body).code})`);
    }
    return { status: response.status, body };
  }

  const post = (operation: ProviderOperation, path: string, key: string, payload: unknown, signal: AbortSignal) =>
    send(operation, path, signal, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(payload),
    });

  /** Runs `fn` under the full policy; what the policy gives up on becomes `unavailable`. */
  async function guarded<T>(operation: ProviderOperation, fn: (signal: AbortSignal) => Promise<T>) {
    try {
      return { ok: true as const, value: await policy.execute(fn) };
    } catch (error) {
      if (isShortCircuit(error)) observer?.attempt(operation, 'short_circuited');
      return { ok: false as const, reason: describeFailure(error, options.settings) };
    }
  }

  return {
    async charge(input) {
      let attempts = 0;
      const payload = {
        amount: input.amount,
        currency: input.currency,
        source: input.cardToken,
        metadata: { order_id: input.orderId, payment_id: input.paymentId },
      };
      const outcome = await guarded('charge', async (signal): Promise<ChargeResult> => {
        attempts += 1;
        const { status, body } = await post('charge', '/v1/charges', input.paymentId, payload, signal);
        return chargeResult(status, body, (o) => observer?.attempt('charge', o));
      });
      return { result: outcome.ok ? outcome.value : { kind: 'unavailable', reason: outcome.reason }, attempts };
    },

    async findCharge(paymentId) {
      try {
        return await policy.executeOnce(async (signal): Promise<ChargeLookup> => {
          const { status, body } = await send(
            'lookup',
            `/v1/charges?idempotency_key=${encodeURIComponent(paymentId)}`,
            signal,
          );
          observer?.attempt('lookup', status === 200 ? 'succeeded' : status === 404 ? 'not_found' : 'rejected');
          if (status === 404) return { kind: 'absent' };
          const charge = body as { id?: string; status?: string; failure_code?: string | null } | null;
          if (status !== 200 || !charge?.id) return { kind: 'unknown', reason: `lookup answered ${status}` };
          return {
            kind: 'found',
            chargeId: charge.id,
            succeeded: charge.status === 'succeeded',
            failureCode: charge.failure_code ?? null,
          };
        });
      } catch (error) {
        return { kind: 'unknown', reason: describeFailure(error, options.settings) };
      }
    },

    async refund(input) {
      const payload = { charge: input.chargeId, amount: input.amount };
      const outcome = await guarded('refund', async (signal): Promise<RefundResult> => {
        const { status, body } = await post('refund', '/v1/refunds', `refund-${input.paymentId}`, payload, signal);
        const refund = body as { id?: string } | null;
        if ((status === 200 || status === 201) && refund?.id) {
          observer?.attempt('refund', 'succeeded');
          return { kind: 'succeeded', refundId: refund.id };
        }
        observer?.attempt('refund', 'rejected');
        return { kind: 'rejected', status, ...errorOf(body) };
      });
      return outcome.ok ? outcome.value : { kind: 'unavailable', reason: outcome.reason };
    },

    get breakerState() {
      return policy.breakerState;
    },
  };
}

/** Maps a non-transient charge answer: 2xx succeeded, 402 declined (final, never retried), other 4xx rejected. */
function chargeResult(status: number, body: unknown, record: (outcome: AttemptOutcome) => void): ChargeResult {
  const charge = body as { id?: string; status?: string } | null;
  if ((status === 200 || status === 201) && charge?.id && charge.status === 'succeeded') {
    record('succeeded');
    return { kind: 'succeeded', chargeId: charge.id };
  }
  if (status === 402) {
    record('declined');
    return { kind: 'declined', ...errorOf(body) };
  }
  record('rejected');
  return { kind: 'rejected', status, message: errorOf(body).message };
}
