// All SQL of payments: transactions (one per payment id) and their refunds.
import type { SqlExecutor } from '@techcorp/platform';
import type { Resolution } from './payment.decider.ts';
import type { PaymentRecord, ProcessRequest, RefundRecord } from './payment.model.ts';

interface Row {
  id: string;
  order_id: string;
  customer_id: string | null;
  amount: number;
  currency: PaymentRecord['currency'];
  method: PaymentRecord['method'];
  status: PaymentRecord['status'];
  provider_charge_id: string | null;
  failure_code: PaymentRecord['failureCode'];
  failure_reason: string | null;
  attempts: number;
  created_at: Date | string;
  updated_at: Date | string;
  refund_id: string | null;
  refund_amount: number | null;
  refund_status: RefundRecord['status'] | null;
  provider_refund_id: string | null;
  refund_reason: string | null;
  refund_created_at: Date | string | null;
}

/** The card token stays in the table for the charge itself and is never selected back out. */
const SELECT = `
  SELECT t.id, t.order_id, t.customer_id, t.amount, t.currency, t.method, t.status, t.provider_charge_id,
         t.failure_code, t.failure_reason, t.attempts, t.created_at, t.updated_at,
         r.id AS refund_id, r.amount AS refund_amount, r.status AS refund_status,
         r.provider_refund_id, r.reason AS refund_reason, r.created_at AS refund_created_at
    FROM transactions t LEFT JOIN refunds r ON r.transaction_id = t.id`;

const iso = (value: Date | string) => new Date(value).toISOString();

function toRecord(row: Row): PaymentRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    amount: row.amount,
    currency: row.currency,
    method: row.method,
    status: row.status,
    providerChargeId: row.provider_charge_id,
    failureCode: row.failure_code,
    failureReason: row.failure_reason,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    refund:
      row.refund_id && row.refund_status && row.refund_created_at
        ? {
            id: row.refund_id,
            amount: row.refund_amount ?? 0,
            status: row.refund_status,
            providerRefundId: row.provider_refund_id,
            reason: row.refund_reason,
            createdAt: iso(row.refund_created_at),
          }
        : null,
  };
}

export function paymentsRepository(db: SqlExecutor) {
  const one = async (text: string, params: readonly unknown[]) => {
    const { rows } = await db.query<Row>(text, params);
    return rows[0] ? toRecord(rows[0]) : null;
  };

  return {
    findById: (id: string) => one(`${SELECT} WHERE t.id = $1`, [id]),

    /** The order's PENDING or APPROVED payment other than `exceptId` (the unique index allows one). */
    findLiveForOrder: (orderId: string, exceptId: string) =>
      one(`${SELECT} WHERE t.order_id = $1 AND t.id <> $2 AND t.status IN ('PENDING', 'APPROVED')`, [
        orderId,
        exceptId,
      ]),

    /** The card token of a payment about to be charged (read only to send it to the provider). */
    async cardToken(id: string): Promise<string | null> {
      const { rows } = await db.query<{ card_token: string | null }>(
        'SELECT card_token FROM transactions WHERE id = $1',
        [id],
      );
      return rows[0]?.card_token ?? null;
    },

    async listByOrder(orderId: string): Promise<PaymentRecord[]> {
      const { rows } = await db.query<Row>(`${SELECT} WHERE t.order_id = $1 ORDER BY t.created_at, t.id`, [orderId]);
      return rows.map(toRecord);
    },

    /** Inserts the payment as PENDING; false when its id or the order's live slot is already taken. */
    async insertPending(request: ProcessRequest): Promise<boolean> {
      const result = await db.query(
        `INSERT INTO transactions (id, order_id, customer_id, amount, currency, method, card_token, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING') ON CONFLICT DO NOTHING`,
        [
          request.paymentId,
          request.orderId,
          request.customerId,
          request.amount,
          request.currency,
          request.method,
          request.cardToken,
        ],
      );
      return result.rowCount === 1;
    },

    /** Records a payment rejected before any charge (no card token kept: it will never be used). */
    async insertRejected(request: ProcessRequest, reason: string): Promise<boolean> {
      const result = await db.query(
        `INSERT INTO transactions (id, order_id, customer_id, amount, currency, method, status, failure_code, failure_reason)
         VALUES ($1, $2, $3, $4, $5, $6, 'FAILED', 'invalid', $7) ON CONFLICT DO NOTHING`,
        [
          request.paymentId,
          request.orderId,
          request.customerId,
          request.amount,
          request.currency,
          request.method,
          reason,
        ],
      );
      return result.rowCount === 1;
    },

    async insertTombstone(paymentId: string, orderId: string): Promise<boolean> {
      const result = await db.query(
        `INSERT INTO transactions (id, order_id, amount, status, failure_code, failure_reason)
         VALUES ($1, $2, 0, 'VOIDED', 'invalid', 'refund received before any charge') ON CONFLICT DO NOTHING`,
        [paymentId, orderId],
      );
      return result.rowCount === 1;
    },

    /** Settles a PENDING payment; null when someone else settled it first (then read it instead). */
    async settle(id: string, resolution: Resolution, attempts: number): Promise<PaymentRecord | null> {
      const failure = resolution.status === 'APPROVED' ? null : resolution;
      const result = await db.query(
        `UPDATE transactions
            SET status = $2, provider_charge_id = $3, failure_code = $4, failure_reason = $5,
                attempts = attempts + $6, updated_at = now()
          WHERE id = $1 AND status = 'PENDING'`,
        [
          id,
          resolution.status,
          resolution.providerChargeId,
          failure?.failureCode ?? null,
          failure?.failureReason ?? null,
          attempts,
        ],
      );
      return result.rowCount === 1 ? one(`${SELECT} WHERE t.id = $1`, [id]) : null;
    },

    /** Keeps the charge id found while reconciling a payment whose charge was never confirmed. */
    async recordFoundCharge(id: string, chargeId: string): Promise<void> {
      await db.query(
        'UPDATE transactions SET provider_charge_id = $2, updated_at = now() WHERE id = $1 AND provider_charge_id IS NULL',
        [id, chargeId],
      );
    },

    /** The refund row of a payment, created PENDING on first use so its id is stable across retries. */
    async ensureRefund(input: { id: string; paymentId: string; amount: number; reason: string }): Promise<string> {
      await db.query(
        `INSERT INTO refunds (id, transaction_id, amount, status, reason) VALUES ($1, $2, $3, 'PENDING', $4)
         ON CONFLICT (transaction_id) DO NOTHING`,
        [input.id, input.paymentId, input.amount, input.reason],
      );
      const { rows } = await db.query<{ id: string }>('SELECT id FROM refunds WHERE transaction_id = $1', [
        input.paymentId,
      ]);
      if (!rows[0]) throw new Error(`refund of payment ${input.paymentId} vanished`);
      return rows[0].id;
    },

    /** Marks the refund SUCCEEDED; false when it already was (a concurrent delivery got there first). */
    async completeRefund(refundId: string, providerRefundId: string): Promise<boolean> {
      const result = await db.query(
        `UPDATE refunds SET status = 'SUCCEEDED', provider_refund_id = $2, updated_at = now()
          WHERE id = $1 AND status <> 'SUCCEEDED'`,
        [refundId, providerRefundId],
      );
      return result.rowCount === 1;
    },

    async failRefund(refundId: string, reason: string): Promise<void> {
      await db.query(
        `UPDATE refunds SET status = 'FAILED', failure_reason = $2, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
        [refundId, reason],
      );
    },

    /** Read-only inbox check, so a redelivered command does not call the provider again for nothing. */
    async alreadyHandled(consumer: string, messageId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2', [
        consumer,
        messageId,
      ]);
      return rows.length > 0;
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}

export type PaymentsRepository = ReturnType<typeof paymentsRepository>;
