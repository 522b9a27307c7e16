// POST/GET /v1/charges: Stripe-like charges keyed by Idempotency-Key; the card token decides the outcome.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { tokenBehaviour } from './card-tokens.ts';
import type { Ledger } from './ledger.ts';
import { apiError, IdempotencyHeaders, idempotencyMismatch, notFoundError } from './provider-errors.ts';

export interface ChargesRoutesOptions {
  ledger: Ledger;
  /** Holds a request (tok_timeout) until the delay passes or the caller hangs up. */
  hold: (socket: NodeJS.EventEmitter) => Promise<void>;
}

const ChargeBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
    currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
    source: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    metadata: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 500 }), { maxProperties: 50 })),
  },
  { additionalProperties: false },
);

export const chargesRoutes: FastifyPluginAsyncTypebox<ChargesRoutesOptions> = async (app, { ledger, hold }) => {
  app.post('/v1/charges', { schema: { body: ChargeBody, headers: IdempotencyHeaders } }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const { amount, currency, source, metadata } = request.body;
    const admission = ledger.admit(key, 'POST /v1/charges', request.body);
    if (admission.kind === 'replay') return reply.code(admission.response.statusCode).send(admission.response.body);
    if (admission.kind === 'mismatch') return reply.code(409).send(idempotencyMismatch());

    const behaviour = tokenBehaviour(source, admission.attempt);
    switch (behaviour.kind) {
      case 'succeed': {
        const charge = ledger.addCharge({
          amount,
          currency,
          status: 'succeeded',
          failure_code: null,
          metadata: metadata ?? {},
          idempotency_key: key,
        });
        ledger.settle(key, { statusCode: 201, body: charge });
        return reply.code(201).send(charge);
      }
      case 'decline': {
        // An unknown token never reaches a card network, so no (failed) charge is recorded for it.
        const charge =
          behaviour.code === 'invalid_token'
            ? undefined
            : ledger.addCharge({
                amount,
                currency,
                status: 'failed',
                failure_code: behaviour.code,
                metadata: metadata ?? {},
                idempotency_key: key,
              });
        const body = {
          error: { type: 'card_error', code: behaviour.code, message: behaviour.message, charge: charge?.id },
        };
        ledger.settle(key, { statusCode: 402, body });
        return reply.code(402).send(body);
      }
      case 'hang':
        await hold(reply.raw);
        return reply.code(504).send(apiError('timeout', 'The card network did not answer in time.'));
      case 'unavailable':
        return reply.code(503).send(apiError('service_unavailable', 'Temporarily unavailable, try again.'));
      default: {
        const never: never = behaviour;
        return never;
      }
    }
  });

  app.get(
    '/v1/charges',
    { schema: { querystring: Type.Object({ idempotency_key: Type.Optional(Type.String({ maxLength: 255 })) }) } },
    async (request, reply) => {
      const { idempotency_key: key } = request.query;
      if (key === undefined) return { object: 'list', data: ledger.charges() };
      const charge = ledger.chargeByKey(key);
      return charge ?? reply.code(404).send(notFoundError('charge'));
    },
  );

  app.get(
    '/v1/charges/:id',
    { schema: { params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => ledger.charge(request.params.id) ?? reply.code(404).send(notFoundError('charge')),
  );
};
