// Runs one saga step inside a transaction: lock, decide (pure), append order events, outbox, save the saga.
import { crashPoint, currentContext, type EnqueueOutbox, notFound, type SqlExecutor } from '@techcorp/platform';
import { type MessageMeta, toIntegrationEvents } from '../order/integration-events.ts';
import type { OrderCommand } from '../order/order.decider.ts';
import type { OrderEvent } from '../order/order.events.ts';
import { applyOrderCommands, loadOrder } from '../order/order-stream.ts';
import type { Saga, SagaInput, SagaPolicy } from './checkout.types.ts';
import { reactToSaga, type SagaDecision, startSaga } from './checkout.workflow.ts';
import { insertSaga, lockSaga, updateSaga } from './saga.sql.ts';
import { toCommandMessage } from './saga-messages.ts';

export interface SagaRunnerConfig {
  policy: SagaPolicy;
  reservationTtlSeconds: number;
  enqueueOutbox: EnqueueOutbox;
  /** Told about each finished step, for metrics. */
  onTransition?: (before: Saga | null, after: Saga) => void;
}

export interface StepResult {
  /** False when the input changed nothing (a duplicate, late or not-yet-due input). */
  changed: boolean;
  /** The order's version after the step; null when nothing changed (the order was not read). */
  orderVersion: number | null;
  saga: Saga;
  events: OrderEvent[];
}

function messageMeta(orderId: string, causationId: string | null): MessageMeta {
  const ctx = currentContext();
  return { correlationId: ctx?.correlationId ?? orderId, causationId, traceparent: ctx?.traceparent ?? null };
}

const keepsCardToken = (saga: Saga) => !saga.cancel && (saga.awaiting === 'reserve' || saga.awaiting === 'pay');

/** Creates the order and starts its saga in the caller's transaction. */
export async function startCheckout(
  tx: SqlExecutor,
  config: SagaRunnerConfig,
  placeOrder: Extract<OrderCommand, { type: 'PlaceOrder' }>,
  cardToken: string,
): Promise<StepResult & { orderVersion: number }> {
  const orderId = placeOrder.data.orderId;
  const decision = startSaga(orderId, placeOrder.data.createdAt, config.policy);
  await insertSaga(tx, decision.saga, cardToken);
  const step = await persist(
    tx,
    config,
    null,
    { ...decision, order: [placeOrder, ...decision.order] },
    cardToken,
    null,
  );
  if (step.orderVersion === null) throw new Error(`order ${orderId} was not created`);
  return { ...step, orderVersion: step.orderVersion };
}

/** Feeds one input to an order's saga; `now` defaults to the database clock read while locking. */
export async function advanceSaga(
  tx: SqlExecutor,
  config: SagaRunnerConfig,
  orderId: string,
  input: SagaInput,
  causationId: string | null,
): Promise<StepResult> {
  const row = await lockSaga(tx, orderId);
  if (!row) throw notFound(`order ${orderId} not found`);
  const decision = reactToSaga(row.saga, input, row.now, config.policy);
  return persist(tx, config, row.saga, decision, row.cardToken, causationId);
}

async function persist(
  tx: SqlExecutor,
  config: SagaRunnerConfig,
  before: Saga | null,
  decision: SagaDecision,
  cardToken: string | null,
  causationId: string | null,
): Promise<StepResult> {
  // A duplicate or late reply changes nothing: answer before reading the order's events.
  if (decision.saga === before) return { changed: false, orderVersion: null, saga: before, events: [] };
  const orderId = decision.saga.orderId;
  const meta = messageMeta(orderId, causationId);
  const loaded = before ? await loadOrder(tx, orderId) : { state: { exists: false as const }, version: 0 };

  const applied = await applyOrderCommands(tx, orderId, loaded, decision.order, meta);
  if (!applied.state.exists) throw new Error(`order ${orderId} has no events`);
  const order = applied.state;
  const commands = decision.send.map((command) =>
    toCommandMessage(command, { order, cardToken, reservationTtlSeconds: config.reservationTtlSeconds, meta }),
  );
  await config.enqueueOutbox(tx, [...toIntegrationEvents(applied.steps, meta), ...commands]);
  // One undo done, the next one being sent, nothing committed yet: the reply must be redelivered after a crash.
  if (before?.state === 'COMPENSATING' && decision.saga.state === 'COMPENSATING' && commands.length)
    crashPoint('orders.saga.mid-compensation');
  if (before) await updateSaga(tx, decision.saga, keepsCardToken(decision.saga));
  config.onTransition?.(before, decision.saga);
  return { changed: true, orderVersion: applied.version, saga: decision.saga, events: applied.events };
}
