// Operator views of the event store: an order's events, the order as of a past moment, and the replay feed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, type ServiceAuth, type Sql } from '@techcorp/platform';
import { loadOrderEvents } from './event-store.sql.ts';
import { OrderIdParams } from './order.schemas.ts';
import { orderView } from './order.view.ts';
import { replayOrders } from './order-replay.ts';
import { loadOrder } from './order-stream.ts';

export interface OrderAdminDeps {
  sql: Sql;
  auth: ServiceAuth;
}

const AsOfQuery = Type.Object({ at: Type.String({ format: 'date-time' }) }, { additionalProperties: false });
const ReplayQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const orderAdminRoutes: FastifyPluginAsyncTypebox<OrderAdminDeps> = async (app, { sql, auth }) => {
  // The replay feed also serves order-query's rebuild, which calls with its own client-credentials token.
  const replayReaders = auth.anyRole('ADMIN', 'SERVICE');
  app.get('/api/orders/replay', { onRequest: replayReaders, schema: { querystring: ReplayQuery } }, async (request) => {
    const page = await replayOrders(sql, request.query.after ?? null, request.query.limit ?? 100);
    return { messages: page.messages, next_after: page.nextAfter };
  });

  app.get('/api/orders/:id/events', { onRequest: auth.admin, schema: { params: OrderIdParams } }, async (request) => {
    const stored = await loadOrderEvents(sql, request.params.id);
    if (stored.length === 0) throw notFound(`order ${request.params.id} not found`);
    return {
      order_id: request.params.id,
      events: stored.map((s) => ({ version: s.version, type: s.event.type, data: s.event.data, at: s.timestamp })),
    };
  });

  /** The order exactly as it stood at `at`, folded from the events recorded up to then. */
  app.get(
    '/api/orders/:id/as-of',
    { onRequest: auth.admin, schema: { params: OrderIdParams, querystring: AsOfQuery } },
    async (request) => {
      const { id } = request.params;
      const at = new Date(request.query.at);
      const loaded = await loadOrder(sql, id, at);
      if (!loaded.state.exists) throw notFound(`order ${id} did not exist at ${at.toISOString()}`);
      // The saga row holds only the present, so a past view leaves it out.
      const { saga: _present, ...view } = orderView(loaded.state, loaded.version, null);
      return { as_of: at.toISOString(), ...view };
    },
  );
};
