// Admin HTTP of payments: process and refund synchronously (Idempotency-Key honoured), read an order's payments.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, conflict, hasRole, notFound, ROLES, type ServiceAuth, unavailable } from '@techcorp/platform';
import { runIdempotent } from './idempotent-request.ts';
import {
  httpDelivery,
  PaymentBusyError,
  type ProcessingDeps,
  ProviderRefusedError,
  ProviderUnreachableError,
} from './payment.processing.ts';
import { processPayment } from './payment.processor.ts';
import {
  IdempotencyHeaders,
  OrderParams,
  OrderPaymentsView,
  ProcessBody,
  RefundBody,
  TransactionView,
  transactionView,
} from './payment.schemas.ts';
import { paymentsRepository } from './payment.sql.ts';
import { refundPayment } from './refund.processor.ts';

export interface PaymentRoutesOptions {
  deps: ProcessingDeps;
  auth: ServiceAuth;
}

/** A retried request with the same Idempotency-Key maps to the same payment id, hence the same provider charge. */
function paymentIdFor(key: string | undefined): string {
  if (!key) return randomUUID();
  const bytes = createHash('sha256').update(`payments.process:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // UUID version 8 (name-based, custom hash)
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Processing errors as HTTP problems: in-flight work 409, provider unreachable 503, provider refusal 502. */
async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaymentBusyError) throw conflict(error.message);
    if (error instanceof ProviderUnreachableError) throw unavailable(error.message);
    if (error instanceof ProviderRefusedError) throw new AppError(502, 'provider-refused', error.message);
    throw error;
  }
}

export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRoutesOptions> = async (app, { deps, auth }) => {
  const admin = auth.admin;
  const views = async (orderId: string) =>
    (await paymentsRepository(deps.sql).listByOrder(orderId)).map(transactionView);

  app.post(
    '/api/payments/process',
    {
      onRequest: admin,
      schema: { body: ProcessBody, headers: IdempotencyHeaders, response: { 200: TransactionView } },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const body = request.body;
      const response = await runIdempotent(deps.sql, { scope: 'payments.process', key, body }, () =>
        asHttp(async () => {
          const result = await processPayment(
            deps,
            {
              orderId: body.order_id,
              paymentId: body.payment_id ?? paymentIdFor(key),
              customerId: body.customer_id,
              amount: body.amount,
              currency: body.currency,
              method: body.method,
              cardToken: body.card_token,
            },
            httpDelivery,
          );
          if (result.kind === 'rejected') throw conflict(result.reason);
          if (result.kind === 'duplicate') throw conflict('this payment is being processed');
          return { statusCode: 200, body: transactionView(result.payment) };
        }),
      );
      return reply.code(response.statusCode as 200).send(response.body as never);
    },
  );

  app.post(
    '/api/payments/refund',
    {
      onRequest: admin,
      schema: { body: RefundBody, headers: IdempotencyHeaders, response: { 200: TransactionView } },
    },
    async (request, reply) => {
      const { order_id: orderId, reason } = request.body;
      const response = await runIdempotent(
        deps.sql,
        { scope: 'payments.refund', key: request.headers['idempotency-key'], body: request.body },
        () =>
          asHttp(async () => {
            const payments = await paymentsRepository(deps.sql).listByOrder(orderId);
            if (payments.length === 0) throw notFound(`no payments for order ${orderId}`);
            const captured = payments.find((p) => p.status === 'APPROVED');
            if (!captured) throw conflict('nothing was captured for this order, so there is nothing to refund');
            const paymentId = captured.id;
            const result = await refundPayment(
              deps,
              { orderId, paymentId, reason: reason ?? 'admin refund' },
              httpDelivery,
            );
            if (result.kind !== 'refunded')
              throw conflict(result.kind === 'skipped' ? result.reason : 'refund in progress');
            return { statusCode: 200, body: transactionView(result.payment) };
          }),
      );
      return reply.code(response.statusCode as 200).send(response.body as never);
    },
  );

  app.get(
    '/api/payments/:orderId',
    { onRequest: auth.authenticated, schema: { params: OrderParams, response: { 200: OrderPaymentsView } } },
    async (request) => {
      const transactions = await views(request.params.orderId);
      const missing = `no payments for order ${request.params.orderId}`;
      if (transactions.length === 0) throw notFound(missing);
      // The customer the order's payments were charged to; a voided-only history has none, so only admins see it.
      const owner = transactions.find((t) => t.customer_id !== null)?.customer_id;
      if (!owner && !hasRole(auth.identity(request), ROLES.admin)) throw notFound(missing);
      if (owner) auth.assertOwner(request, owner, 'payments');
      return { order_id: request.params.orderId, transactions };
    },
  );
};
