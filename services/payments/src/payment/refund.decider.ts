// Pure decisions for payment.refund: refund, re-answer, skip, tombstone, or look the charge up first.
import type { ChargeLookup } from './payment.decider.ts';
import {
  type PaymentRecord,
  type RefundOutcome,
  type RefundRecord,
  type RefundRequest,
  refundedOutcome,
  refundSkipped,
} from './payment.model.ts';

export type RefundDecision =
  /** Unknown payment: record a VOIDED tombstone so a late payment.process never charges, and answer skipped. */
  | { kind: 'tombstone'; outcome: RefundOutcome }
  | { kind: 'skip'; outcome: RefundOutcome }
  /** Already refunded: answer payment.refunded again with the same refund. */
  | { kind: 'reply'; outcome: RefundOutcome }
  /** Ask the provider to refund the full captured amount of this charge. */
  | { kind: 'refund'; chargeId: string; amount: number }
  /** The charge's outcome was never confirmed (provider unavailable): look it up before deciding. */
  | { kind: 'lookup' }
  /** The charge is still in flight: decide once it has settled. */
  | { kind: 'busy'; reason: string };

/** What the provider said to a refund request. */
export type RefundResult =
  | { kind: 'succeeded'; refundId: string }
  | { kind: 'rejected'; status: number; code: string; message: string }
  | { kind: 'unavailable'; reason: string };

export type RefundResolution =
  | { kind: 'refunded'; providerRefundId: string }
  /** The provider will never do this refund: record it FAILED and leave it to an operator. */
  | { kind: 'failed'; reason: string }
  /** Try again later (the command is redelivered with backoff). */
  | { kind: 'retry'; reason: string };

const succeededRefund = (payment: PaymentRecord): RefundRecord | null =>
  payment.refund?.status === 'SUCCEEDED' ? payment.refund : null;

/** Given the payment row (if any), when payment.refund arrives, then what to do. */
export function decideRefund(request: RefundRequest, payment: PaymentRecord | null): RefundDecision {
  const skip = (reason: string): RefundDecision => ({
    kind: 'skip',
    outcome: refundSkipped(request.orderId, request.paymentId, reason),
  });
  if (!payment) {
    return { kind: 'tombstone', outcome: refundSkipped(request.orderId, request.paymentId, 'payment never processed') };
  }
  if (payment.orderId !== request.orderId) return skip('payment belongs to another order');
  const done = succeededRefund(payment);
  if (done) return { kind: 'reply', outcome: refundedOutcome(payment, done) };
  switch (payment.status) {
    case 'VOIDED':
      return skip('payment never processed');
    case 'PENDING':
      return { kind: 'busy', reason: 'the charge is still in progress' };
    case 'DECLINED':
      return skip('payment was declined; nothing was captured');
    case 'FAILED':
      return payment.failureCode === 'unavailable' ? { kind: 'lookup' } : skip('payment failed; nothing was captured');
    case 'APPROVED':
      if (!payment.providerChargeId) throw new Error(`approved payment ${payment.id} has no provider charge id`);
      return { kind: 'refund', chargeId: payment.providerChargeId, amount: payment.amount };
    default: {
      const never: never = payment.status;
      return never;
    }
  }
}

/** Given a payment whose charge was never confirmed, when the lookup answers, then refund what was captured. */
export function decideAfterLookup(
  request: RefundRequest,
  payment: PaymentRecord,
  lookup: ChargeLookup,
): RefundDecision {
  switch (lookup.kind) {
    case 'found':
      return lookup.succeeded
        ? { kind: 'refund', chargeId: lookup.chargeId, amount: payment.amount }
        : { kind: 'skip', outcome: refundSkipped(request.orderId, request.paymentId, 'nothing was captured') };
    case 'absent':
      return { kind: 'skip', outcome: refundSkipped(request.orderId, request.paymentId, 'nothing was captured') };
    case 'unknown':
      return { kind: 'busy', reason: `cannot tell whether the charge was captured: ${lookup.reason}` };
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

/** Given the provider's answer to a refund, then the refund's fate. */
export function resolveRefund(result: RefundResult): RefundResolution {
  switch (result.kind) {
    case 'succeeded':
      return { kind: 'refunded', providerRefundId: result.refundId };
    case 'rejected':
      return {
        kind: 'failed',
        reason: `provider refused the refund (${result.status} ${result.code}): ${result.message}`,
      };
    case 'unavailable':
      return { kind: 'retry', reason: result.reason };
    default: {
      const never: never = result;
      return never;
    }
  }
}
