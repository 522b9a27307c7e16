// Messages payments takes (commands) and publishes (events). Card tokens only: never card numbers.
import { type Static, Type } from '@sinclair/typebox';
import { Currency, MinorUnits, Uuid } from './common.ts';
import { defineCommand, defineEvent } from './envelope.ts';

export const PaymentMethod = Type.Union([Type.Literal('credit_card'), Type.Literal('debit_card')]);
export const CardToken = Type.String({ pattern: '^tok_[A-Za-z0-9_]{1,64}$' });

export const PaymentProcess = defineCommand(
  'payment.process',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    customerId: Type.String({ minLength: 1, maxLength: 100 }),
    amount: MinorUnits,
    currency: Currency,
    method: PaymentMethod,
    cardToken: CardToken,
  }),
);
export const PaymentRefund = defineCommand(
  'payment.refund',
  Type.Object({ orderId: Uuid, paymentId: Uuid, reason: Type.String({ maxLength: 200 }) }),
);

export const PaymentConfirmed = defineEvent(
  'payment.confirmed',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    transactionId: Uuid,
    providerChargeId: Type.String(),
    amount: MinorUnits,
    currency: Currency,
  }),
);
export const PaymentFailed = defineEvent(
  'payment.failed',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    reason: Type.String(),
    /** declined: the provider said no; unavailable: the provider could not be reached in time. */
    code: Type.Union([Type.Literal('declined'), Type.Literal('unavailable'), Type.Literal('invalid')]),
  }),
);
export const PaymentRefunded = defineEvent(
  'payment.refunded',
  Type.Object({ orderId: Uuid, paymentId: Uuid, refundId: Uuid, amount: MinorUnits, currency: Currency }),
);
/** Nothing had been captured for this payment, so there was nothing to refund. */
export const PaymentRefundSkipped = defineEvent(
  'payment.refund_skipped',
  Type.Object({ orderId: Uuid, paymentId: Uuid, reason: Type.String() }),
);

export type PaymentProcessData = Static<typeof PaymentProcess.schema>;
export type PaymentConfirmedData = Static<typeof PaymentConfirmed.schema>;
export type PaymentFailedData = Static<typeof PaymentFailed.schema>;
