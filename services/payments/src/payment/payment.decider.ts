// Pure decisions for payment.process: whether to charge, and what a provider answer makes of the payment.
import {
  type FailureCode,
  failedOutcome,
  outcomeOf,
  type PaymentOutcome,
  type PaymentRecord,
  type ProcessRequest,
} from './payment.model.ts';

export type ProcessDecision =
  /** Call the provider; `insert` when no row exists yet (a PENDING row is a charge that was interrupted). */
  | { kind: 'charge'; insert: boolean }
  /** Already settled: answer again with the recorded outcome. */
  | { kind: 'reply'; outcome: PaymentOutcome }
  /** Never charge; `record` writes a FAILED row so later commands for this payment id get the same answer. */
  | { kind: 'reject'; outcome: PaymentOutcome; record: boolean }
  /** Another payment of the same order is being charged right now: decide again once it has settled. */
  | { kind: 'busy'; reason: string };

/** What the provider said, after the resilience policy gave up or got an answer. */
export type ChargeResult =
  | { kind: 'succeeded'; chargeId: string }
  | { kind: 'declined'; code: string; message: string }
  /** The provider refused the request itself (4xx other than a decline): retrying cannot help. */
  | { kind: 'rejected'; status: number; message: string }
  /** Timeouts, 5xx, network errors, or the circuit breaker open. */
  | { kind: 'unavailable'; reason: string };

/** A charge looked up by idempotency key after the provider stopped answering. */
export type ChargeLookup =
  | { kind: 'found'; chargeId: string; succeeded: boolean; failureCode: string | null }
  | { kind: 'absent' }
  | { kind: 'unknown'; reason: string };

export type Resolution =
  | { status: 'APPROVED'; providerChargeId: string }
  | { status: 'DECLINED' | 'FAILED'; failureCode: FailureCode; failureReason: string; providerChargeId: string | null };

function sameDetails(payment: PaymentRecord, request: ProcessRequest): boolean {
  return (
    payment.orderId === request.orderId && payment.amount === request.amount && payment.currency === request.currency
  );
}

/**
 * Given the row for this payment id (if any) and the order's other live payment (PENDING or APPROVED, if any),
 * when payment.process arrives, then charge, re-answer, reject or wait.
 */
export function decideProcess(
  request: ProcessRequest,
  existing: PaymentRecord | null,
  liveOther: PaymentRecord | null,
): ProcessDecision {
  const reject = (reason: string, record: boolean): ProcessDecision => ({
    kind: 'reject',
    outcome: failedOutcome(request.orderId, request.paymentId, 'invalid', reason),
    record,
  });
  if (existing) {
    if (existing.status === 'VOIDED') return reject('payment was cancelled (refunded) before it was processed', false);
    if (!sameDetails(existing, request)) return reject('payment id was already used with other order details', false);
    if (existing.status === 'PENDING') return { kind: 'charge', insert: false };
    return { kind: 'reply', outcome: outcomeOf(existing) };
  }
  if (request.amount <= 0) return reject('amount must be above zero', true);
  if (liveOther?.status === 'APPROVED') return reject(`order was already paid by payment ${liveOther.id}`, true);
  if (liveOther) return { kind: 'busy', reason: `payment ${liveOther.id} of this order is being charged` };
  return { kind: 'charge', insert: true };
}

/** Only a provider that stopped answering leaves the outcome open: then the charge is looked up by its key. */
export const needsLookup = (result: ChargeResult): boolean => result.kind === 'unavailable';

/** Given the provider's answer (and the lookup after an unavailable one), then the payment's final state. */
export function resolveCharge(result: ChargeResult, lookup: ChargeLookup | null): Resolution {
  switch (result.kind) {
    case 'succeeded':
      return { status: 'APPROVED', providerChargeId: result.chargeId };
    case 'declined':
      return declined(`${result.code}: ${result.message}`, null);
    case 'rejected':
      return failed('invalid', `provider refused the request (${result.status}): ${result.message}`);
    case 'unavailable':
      return resolveUnavailable(result.reason, lookup ?? { kind: 'unknown', reason: 'not looked up' });
    default: {
      const never: never = result;
      return never;
    }
  }
}

function resolveUnavailable(reason: string, lookup: ChargeLookup): Resolution {
  switch (lookup.kind) {
    case 'found':
      return lookup.succeeded
        ? { status: 'APPROVED', providerChargeId: lookup.chargeId }
        : declined(`${lookup.failureCode ?? 'declined'}: found declined on reconciliation`, lookup.chargeId);
    case 'absent':
      return failed('unavailable', `payment provider unavailable: ${reason}`);
    case 'unknown':
      // Not provably uncharged: FAILED 'unavailable' stays reconcilable (a later refund looks the charge up again).
      return failed('unavailable', `payment provider unavailable: ${reason}; charge not confirmed (${lookup.reason})`);
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

const declined = (failureReason: string, providerChargeId: string | null): Resolution => ({
  status: 'DECLINED',
  failureCode: 'declined',
  failureReason,
  providerChargeId,
});

const failed = (failureCode: FailureCode, failureReason: string): Resolution => ({
  status: 'FAILED',
  failureCode,
  failureReason,
  providerChargeId: null,
});
