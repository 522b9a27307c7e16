// HTTP for reservations: reserve / confirm / release (the same commands and events as the bus) and a reservation lookup.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, type ServiceAuth, type Sql, type SqlExecutor } from '@techcorp/platform';
import { Quantity, ReservedLineView, replyProblem, Uuid } from '../http-schemas.ts';
import type { CommandOutcome, ReservationCommands } from './reservation.commands.ts';
import type { Reservation } from './reservation.decider.ts';
import { reservationSql } from './reservation.sql.ts';

export interface ReservationRouteDeps {
  sql: Sql;
  auth: ServiceAuth;
  commands: ReservationCommands;
  defaultTtlSeconds: number;
  /** Runs after each committing request (nudges the outbox relay, refreshes counters). */
  afterCommit: () => void;
}

const ReserveBody = Type.Object(
  {
    order_id: Uuid,
    items: Type.Array(Type.Object({ product_id: Uuid, quantity: Quantity }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 100,
    }),
    ttl_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
  },
  { additionalProperties: false },
);
const OrderBody = Type.Object({ order_id: Uuid }, { additionalProperties: false });
const ReleaseBody = Type.Object(
  { order_id: Uuid, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

const ReservationView = Type.Object({
  reservation_id: Type.String(),
  order_id: Type.String(),
  status: Type.String(),
  expires_at: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(ReservedLineView),
});
const ReleasedView = Type.Object({
  order_id: Type.String(),
  status: Type.String(),
  reason: Type.String(),
  returned: Type.String(),
});

function reservationView(r: Reservation) {
  return {
    reservation_id: r.id,
    order_id: r.orderId,
    status: r.status,
    expires_at: r.expiresAt?.toISOString() ?? null,
    lines: r.lines.map((l) => ({ product_id: l.productId, warehouse_id: l.warehouseId, quantity: l.quantity })),
  };
}

export const reservationRoutes: FastifyPluginAsyncTypebox<ReservationRouteDeps> = async (app, deps) => {
  const { sql, commands, afterCommit } = deps;
  // Internal API: the saga reserves over the bus; over HTTP only operators (until the gateway issue brings roles).
  app.addHook('onRequest', deps.auth.admin);
  const run = async (fn: (tx: SqlExecutor) => Promise<CommandOutcome>) => {
    const outcome = await sql.transaction(fn);
    afterCommit();
    return outcome;
  };

  app.post(
    '/api/inventory/reserve',
    { schema: { body: ReserveBody, response: { 201: ReservationView } } },
    async (request, reply) => {
      const { order_id, items, ttl_seconds } = request.body;
      const outcome = await run((tx) =>
        commands.reserve(tx, {
          orderId: order_id,
          items: items.map((i) => ({ productId: i.product_id, quantity: i.quantity })),
          ttlSeconds: ttl_seconds ?? deps.defaultTtlSeconds,
        }),
      );
      const { reply: answer, reservation } = outcome;
      if (answer.type === 'inventory.reserved' && reservation)
        return reply.code(201).send(reservationView(reservation));
      const failure = answer.type === 'inventory.reservation_failed' ? answer.data : null;
      return replyProblem(request, reply, {
        status: 409,
        code: failure?.shortages.length ? 'insufficient-stock' : 'conflict',
        detail: failure?.reason ?? 'reservation not possible',
        extra: {
          shortages: (failure?.shortages ?? []).map((s) => ({
            product_id: s.productId,
            requested: s.requested,
            available: s.available,
          })),
        },
      });
    },
  );

  app.post(
    '/api/inventory/confirm',
    { schema: { body: OrderBody, response: { 200: ReservationView } } },
    async (request, reply) => {
      const { reply: answer, reservation } = await run((tx) =>
        commands.confirm(tx, { orderId: request.body.order_id }),
      );
      if (answer.type === 'inventory.confirmed' && reservation) return reply.send(reservationView(reservation));
      const reason = answer.type === 'inventory.confirmation_failed' ? answer.data.reason : 'not confirmed';
      const status = reservation ? 409 : 404;
      return replyProblem(request, reply, { status, code: status === 404 ? 'not-found' : 'conflict', detail: reason });
    },
  );

  app.post(
    '/api/inventory/release',
    { schema: { body: ReleaseBody, response: { 200: ReleasedView } } },
    async (request) => {
      const { order_id, reason = 'released by request' } = request.body;
      const { reply: answer, reservation } = await run((tx) => commands.release(tx, { orderId: order_id, reason }));
      const released = answer.type === 'inventory.released' ? answer.data : { reason, returned: 'nothing' };
      return {
        order_id: order_id.toLowerCase(),
        status: reservation?.status ?? 'RELEASED',
        reason: released.reason,
        returned: released.returned,
      };
    },
  );

  app.get(
    '/api/inventory/reservations/:orderId',
    { schema: { params: Type.Object({ orderId: Uuid }), response: { 200: ReservationView } } },
    async (request) => {
      const reservation = await reservationSql(sql).findByOrder(request.params.orderId.toLowerCase());
      if (!reservation) throw notFound('no reservation for this order');
      return reservationView(reservation);
    },
  );
};
