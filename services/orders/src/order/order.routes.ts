// The order command API: place (202 + status link, or wait for the outcome), read, cancel, admin status changes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  crashPoint,
  forbidden,
  notFound,
  type OutboxRelay,
  type ServiceAuth,
  type Sql,
  validationError,
} from '@techcorp/platform';
import type { FastifyRequest } from 'fastify';
import { lockSaga, readSaga } from '../checkout-saga/saga.sql.ts';
import { advanceSaga, type SagaRunnerConfig } from '../checkout-saga/saga-runner.ts';
import type { OrdersConfig } from '../config.ts';
import type { AddressBook } from './address-book.client.ts';
import type { CartCheckout } from './cart.client.ts';
import type { CatalogClient } from './catalog.client.ts';
import { toIntegrationEvents } from './integration-events.ts';
import { CancelQuery, IdempotencyHeaders, OrderIdParams, PlaceOrderBody, StatusBody } from './order.schemas.ts';
import { orderView } from './order.view.ts';
import { applyOrderCommands, loadOrder } from './order-stream.ts';
import { basketOf, placeOrder } from './place-order.ts';

export interface OrderRoutesDeps {
  sql: Sql;
  saga: SagaRunnerConfig;
  catalog: CatalogClient;
  addresses: AddressBook;
  carts: CartCheckout;
  relay: OutboxRelay;
  config: OrdersConfig;
  auth: ServiceAuth;
  onOrderPlaced?: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const orderRoutes: FastifyPluginAsyncTypebox<OrderRoutesDeps> = async (app, deps) => {
  const { sql, relay, auth } = deps;

  async function readOrder(orderId: string) {
    const loaded = await loadOrder(sql, orderId);
    if (!loaded.state.exists) throw notFound(`order ${orderId} not found`);
    return orderView(loaded.state, loaded.version, await readSaga(sql, orderId));
  }

  /** The order, when the caller placed it or is an admin; 404 otherwise (another customer's id reveals nothing). */
  async function readOwnOrder(request: FastifyRequest, orderId: string) {
    const view = await readOrder(orderId);
    auth.assertOwner(request, view.customer_id, `order ${orderId}`);
    return view;
  }

  /** Polls until the order is no longer PENDING (or cancelling), or the wait runs out. */
  async function waitForOutcome(orderId: string, seconds: number) {
    const until = Date.now() + seconds * 1000;
    let delay = 10;
    for (;;) {
      const view = await readOrder(orderId);
      const settled = view.status !== 'PENDING' && !(view.cancellation_requested && view.status !== 'CANCELLED');
      if (settled || Date.now() >= until) return view;
      await sleep(Math.min(delay, until - Date.now()));
      delay = Math.min(delay * 2, 200);
    }
  }

  const requestedWait = (prefer: string | undefined) => {
    const match = prefer && /(?:^|[;,\s])wait=(\d{1,4})\b/.exec(prefer);
    return match ? Math.min(Number(match[1]), deps.config.maxWaitSeconds) : 0;
  };

  const placeOptions = { onRequest: auth.authenticated, schema: { body: PlaceOrderBody, headers: IdempotencyHeaders } };
  app.post('/api/orders', placeOptions, async (request, reply) => {
    const customer = auth.identity(request);
    if (customer.kind !== 'user') throw forbidden('orders are placed by customers');
    const body = request.body;
    if (body.cart_id !== undefined && (body.items !== undefined || body.currency !== undefined))
      throw validationError('cart_id replaces items and currency', [
        { field: 'cart_id', message: 'must not be given together with items or currency' },
      ]);
    const cart = body.cart_id === undefined ? null : await deps.carts.checkout(body.cart_id, customer.subject);
    const placed = await placeOrder(sql, deps.saga, deps.catalog, deps.addresses, {
      customerId: customer.subject,
      body,
      basket: basketOf(body, cart),
      idempotencyKey: request.headers['idempotency-key'],
    });
    // Committed, nothing published, the client not answered: a retry with the same key must find this order.
    crashPoint('orders.place.after-commit');
    if (!placed.replayed) deps.onOrderPlaced?.();
    relay.nudge();
    const location = `/api/orders/${placed.orderId}`;
    reply.header('location', location);
    if (placed.replayed) reply.header('idempotent-replayed', 'true');
    const wait = requestedWait(request.headers.prefer);
    if (wait > 0) {
      const view = await waitForOutcome(placed.orderId, wait);
      reply.header('preference-applied', `wait=${wait}`);
      return reply.code(view.status === 'PENDING' ? 202 : 200).send({ ...view, status_url: location });
    }
    // A new order is PENDING at the version just written; only a replay needs reading back.
    const answer = placed.replayed
      ? await readOrder(placed.orderId).then((v) => ({
          order_number: v.order_number,
          status: v.status,
          version: v.version,
        }))
      : { order_number: placed.orderNumber, status: 'PENDING', version: placed.version };
    return reply.code(202).send({ order_id: placed.orderId, ...answer, status_url: location });
  });

  app.get('/api/orders/:id', { onRequest: auth.authenticated, schema: { params: OrderIdParams } }, async (request) =>
    readOwnOrder(request, request.params.id),
  );

  app.delete(
    '/api/orders/:id',
    { onRequest: auth.authenticated, schema: { params: OrderIdParams, querystring: CancelQuery } },
    async (request, reply) => {
      const orderId = request.params.id;
      await readOwnOrder(request, orderId);
      const reason = request.query.reason ?? 'cancelled by request';
      await sql.transaction((tx) => advanceSaga(tx, deps.saga, orderId, { type: 'CancelRequested', reason }, null));
      relay.nudge();
      const view = await readOrder(orderId);
      return reply.code(view.status === 'CANCELLED' ? 200 : 202).send(view);
    },
  );

  app.put(
    '/api/orders/:id/status',
    { onRequest: auth.admin, schema: { params: OrderIdParams, body: StatusBody } },
    async (request) => {
      const orderId = request.params.id;
      await sql.transaction(async (tx) => {
        // Taking the saga lock serialises this with the saga's own writes to the order.
        if (!(await lockSaga(tx, orderId))) throw notFound(`order ${orderId} not found`);
        const loaded = await loadOrder(tx, orderId);
        const now = new Date().toISOString();
        const meta = { correlationId: request.id, causationId: null, traceparent: null };
        const applied = await applyOrderCommands(
          tx,
          orderId,
          loaded,
          [{ type: 'UpdateStatus', data: { status: request.body.status, now } }],
          meta,
        );
        await deps.saga.enqueueOutbox(tx, toIntegrationEvents(applied.steps, meta));
      });
      relay.nudge();
      return readOrder(orderId);
    },
  );
};
