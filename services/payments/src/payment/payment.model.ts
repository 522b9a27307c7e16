// The payment as payments sees it (a transaction row and its refund) and the contract messages it answers with.
import type { Currency, PaymentConfirmedData, PaymentFailedData, PaymentProcessData } from '@techcorp/contracts';

export type PaymentStatus = 'PENDING' | 'APPROVED' | 'DECLINED' | 'FAILED' | 'VOIDED';
export type FailureCode = PaymentFailedData['code'];
export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface RefundRecord {
  id: string;
  amount: number;
  status: RefundStatus;
  providerRefundId: string | null;
  reason: string | null;
  createdAt: string;
}

/** One transactions row (id = the paymentId) with its refund, if any. */
export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string | null;
  amount: number;
  currency: Currency | null;
  method: PaymentProcessData['method'] | null;
  status: PaymentStatus;
  providerChargeId: string | null;
  /** The contract-level code for DECLINED/FAILED; failureReason keeps the provider's detail. */
  failureCode: FailureCode | null;
  failureReason: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  refund: RefundRecord | null;
}

/** A payment.process command as payments handles it, whether it came over the bus or over HTTP. */
export type ProcessRequest = PaymentProcessData;

export interface RefundRequest {
  orderId: string;
  paymentId: string;
  reason: string;
}

export type PaymentOutcome =
  | { type: 'payment.confirmed'; data: PaymentConfirmedData }
  | { type: 'payment.failed'; data: PaymentFailedData };

export type RefundOutcome =
  | {
      type: 'payment.refunded';
      data: { orderId: string; paymentId: string; refundId: string; amount: number; currency: Currency };
    }
  | { type: 'payment.refund_skipped'; data: { orderId: string; paymentId: string; reason: string } };

/** Columns the schema guarantees for a non-VOIDED (or APPROVED) row; a null here is a broken row, not a case. */
function must<T>(value: T | null, what: string, payment: PaymentRecord): T {
  if (value === null) throw new Error(`payment ${payment.id} (${payment.status}) has no ${what}`);
  return value;
}

export function failedOutcome(orderId: string, paymentId: string, code: FailureCode, reason: string): PaymentOutcome {
  return { type: 'payment.failed', data: { orderId, paymentId, code, reason } };
}

/** The answer a settled payment gives, rebuilt from its row so it can be re-sent at any time. */
export function outcomeOf(payment: PaymentRecord): PaymentOutcome {
  switch (payment.status) {
    case 'APPROVED':
      return {
        type: 'payment.confirmed',
        data: {
          orderId: payment.orderId,
          paymentId: payment.id,
          transactionId: payment.id,
          providerChargeId: must(payment.providerChargeId, 'provider charge id', payment),
          amount: payment.amount,
          currency: must(payment.currency, 'currency', payment),
        },
      };
    case 'DECLINED':
    case 'FAILED':
      return failedOutcome(
        payment.orderId,
        payment.id,
        payment.failureCode ?? (payment.status === 'DECLINED' ? 'declined' : 'unavailable'),
        payment.failureReason ?? 'payment failed',
      );
    case 'VOIDED':
      return failedOutcome(payment.orderId, payment.id, 'invalid', 'payment was voided before it was processed');
    case 'PENDING':
      throw new Error(`payment ${payment.id} is still pending and has no outcome yet`);
    default: {
      const never: never = payment.status;
      return never;
    }
  }
}

export function refundedOutcome(payment: PaymentRecord, refund: RefundRecord): RefundOutcome {
  return {
    type: 'payment.refunded',
    data: {
      orderId: payment.orderId,
      paymentId: payment.id,
      refundId: refund.id,
      amount: refund.amount,
      currency: must(payment.currency, 'currency', payment),
    },
  };
}

export function refundSkipped(orderId: string, paymentId: string, reason: string): RefundOutcome {
  return { type: 'payment.refund_skipped', data: { orderId, paymentId, reason } };
}
