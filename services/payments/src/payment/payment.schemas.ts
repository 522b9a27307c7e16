// HTTP shapes of payments (snake_case JSON) and the mapping from records; a card token never leaves the service.
import { Type } from '@fastify/type-provider-typebox';
import { CURRENCIES } from '@techcorp/contracts';
import type { PaymentRecord } from './payment.model.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProcessBody = Type.Object(
  {
    order_id: Uuid,
    payment_id: Type.Optional(Uuid),
    customer_id: Type.String({ minLength: 1, maxLength: 100 }),
    amount: Type.Integer({ minimum: 1, maximum: 100_000_000_00 }),
    currency: Type.Union(CURRENCIES.map((c) => Type.Literal(c))),
    method: Type.Union([Type.Literal('credit_card'), Type.Literal('debit_card')]),
    card_token: Type.String({ pattern: '^tok_[A-Za-z0-9_]{1,64}$' }),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  { order_id: Uuid, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const OrderParams = Type.Object({ orderId: Uuid });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

const RefundView = Type.Object({
  refund_id: Uuid,
  amount: Type.Integer(),
  status: Type.String(),
  provider_refund_id: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  created_at: Type.String(),
});

export const TransactionView = Type.Object({
  payment_id: Uuid,
  order_id: Uuid,
  customer_id: Nullable(Type.String()),
  amount: Type.Integer(),
  currency: Nullable(Type.String()),
  method: Nullable(Type.String()),
  status: Type.String(),
  provider_charge_id: Nullable(Type.String()),
  failure_code: Nullable(Type.String()),
  failure_reason: Nullable(Type.String()),
  attempts: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  refunds: Type.Array(RefundView),
});

export const OrderPaymentsView = Type.Object({ order_id: Uuid, transactions: Type.Array(TransactionView) });

export function transactionView(payment: PaymentRecord) {
  return {
    payment_id: payment.id,
    order_id: payment.orderId,
    customer_id: payment.customerId,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    status: payment.status,
    provider_charge_id: payment.providerChargeId,
    failure_code: payment.failureCode,
    failure_reason: payment.failureReason,
    attempts: payment.attempts,
    created_at: payment.createdAt,
    updated_at: payment.updatedAt,
    refunds: payment.refund
      ? [
          {
            refund_id: payment.refund.id,
            amount: payment.refund.amount,
            status: payment.refund.status,
            provider_refund_id: payment.refund.providerRefundId,
            reason: payment.refund.reason,
            created_at: payment.refund.createdAt,
          },
        ]
      : [],
  };
}
