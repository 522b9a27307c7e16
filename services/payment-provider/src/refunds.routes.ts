// POST/GET /v1/refunds: refunds of succeeded charges, idempotent by key, never above what was captured.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Ledger } from './ledger.ts';
import { IdempotencyHeaders, idempotencyMismatch, invalidRequest, notFoundError } from './provider-errors.ts';

const RefundBody = Type.Object(
  {
    charge: Type.String({ minLength: 1, maxLength: 100 }),
    amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const refundsRoutes: FastifyPluginAsyncTypebox<{ ledger: Ledger }> = async (app, { ledger }) => {
  app.post('/v1/refunds', { schema: { body: RefundBody, headers: IdempotencyHeaders } }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const admission = ledger.admit(key, 'POST /v1/refunds', request.body);
    if (admission.kind === 'replay') return reply.code(admission.response.statusCode).send(admission.response.body);
    if (admission.kind === 'mismatch') return reply.code(409).send(idempotencyMismatch());

    const charge = ledger.charge(request.body.charge);
    if (!charge) return reply.code(404).send(notFoundError('charge'));
    if (charge.status !== 'succeeded')
      return reply.code(400).send(invalidRequest('charge_not_refundable', 'Only succeeded charges can be refunded.'));
    const refundable = charge.amount - charge.amount_refunded;
    const amount = request.body.amount ?? refundable;
    if (refundable === 0)
      return reply.code(400).send(invalidRequest('charge_already_refunded', 'The charge was already refunded.'));
    if (amount > refundable)
      return reply
        .code(400)
        .send(invalidRequest('amount_too_large', `Refund amount is above the ${refundable} left to refund.`, 'amount'));

    const refund = ledger.addRefund(charge, amount, key);
    ledger.settle(key, { statusCode: 201, body: refund });
    return reply.code(201).send(refund);
  });

  app.get('/v1/refunds', async () => ({ object: 'list', data: ledger.refunds() }));
};
