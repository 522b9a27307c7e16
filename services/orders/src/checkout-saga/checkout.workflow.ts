// The checkout saga as a pure workflow: (saga, input, now) -> new saga, commands to send, order commands.
// Every step pushes its undo; any failure runs the undo stack in reverse (Temporal-style compensation).
import type { OrderCommand } from '../order/order.decider.ts';
import type { Saga, SagaCommand, SagaInput, SagaPolicy, SagaState, Step, Undo } from './checkout.types.ts';

export interface SagaDecision {
  saga: Saga;
  send: SagaCommand[];
  order: OrderCommand[];
}

const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const reached = (now: string, at: string | null) => at !== null && Date.parse(now) >= Date.parse(at);
const FORWARD: readonly Step[] = ['reserve', 'pay', 'confirm'];

export function startSaga(orderId: string, now: string, policy: SagaPolicy): SagaDecision {
  const saga: Saga = {
    orderId,
    state: 'STARTED',
    awaiting: null,
    attempts: 0,
    nextAttemptAt: null,
    deadlineAt: addMs(now, policy.deadlineMs),
    undo: [],
    reason: null,
    cancel: false,
    history: [{ state: 'STARTED', at: now }],
  };
  return sendStep({ saga, send: [], order: [] }, 'reserve', now, policy);
}

export function reactToSaga(saga: Saga, input: SagaInput, now: string, policy: SagaPolicy): SagaDecision {
  const unchanged: SagaDecision = { saga, send: [], order: [] };
  const d: SagaDecision = { saga: { ...saga, undo: [...saga.undo], history: [...saga.history] }, send: [], order: [] };
  const awaiting = (step: Step) => saga.awaiting === step;

  switch (input.type) {
    case 'Start':
      return unchanged;
    case 'InventoryReserved':
      if (!awaiting('reserve')) return unchanged;
      d.order.push({ type: 'RecordInventoryReserved', data: { ...pick(input, 'reservationId', 'expiresAt'), now } });
      pushUndo(d.saga, 'release');
      transition(d.saga, 'INVENTORY_RESERVED', now);
      if (d.saga.cancel) return compensate(d, d.saga.reason ?? 'cancelled', now, policy);
      transition(d.saga, 'PAYMENT_PROCESSING', now);
      return sendStep(d, 'pay', now, policy);
    case 'InventoryReservationFailed':
      if (!awaiting('reserve')) return unchanged;
      if (d.saga.cancel) return compensate(d, d.saga.reason ?? 'cancelled', now, policy);
      return fail(d, `insufficient stock: ${input.reason}`, now);
    case 'PaymentConfirmed':
      if (!awaiting('pay')) return unchanged;
      d.order.push({
        type: 'RecordPaymentProcessed',
        data: { ...pick(input, 'paymentId', 'transactionId', 'amount'), now },
      });
      pushUndo(d.saga, 'refund');
      if (d.saga.cancel) return compensate(d, d.saga.reason ?? 'cancelled', now, policy);
      return sendStep(d, 'confirm', now, policy);
    case 'PaymentFailed':
      if (!awaiting('pay')) return unchanged;
      return compensate(
        d,
        d.saga.cancel ? (d.saga.reason ?? 'cancelled') : `payment failed: ${input.reason}`,
        now,
        policy,
      );
    case 'InventoryConfirmed':
      if (!awaiting('confirm')) return unchanged;
      if (d.saga.cancel) return compensate(d, d.saga.reason ?? 'cancelled', now, policy);
      d.saga.awaiting = null;
      d.saga.nextAttemptAt = null;
      transition(d.saga, 'COMPLETED', now);
      d.order.push({ type: 'CompleteOrder', data: { now } });
      return d;
    case 'InventoryConfirmationFailed':
      if (!awaiting('confirm')) return unchanged;
      return compensate(
        d,
        d.saga.cancel ? (d.saga.reason ?? 'cancelled') : `stock confirmation failed: ${input.reason}`,
        now,
        policy,
      );
    case 'InventoryReleased':
      if (!awaiting('release')) return unchanged;
      d.order.push({ type: 'RecordInventoryReleased', data: { reason: input.reason, now } });
      d.saga.undo.pop();
      return runNextUndo(d, now, policy);
    case 'PaymentRefunded':
      if (!awaiting('refund')) return unchanged;
      d.order.push({ type: 'RecordPaymentRefunded', data: { ...pick(input, 'refundId', 'amount'), now } });
      d.saga.undo.pop();
      return runNextUndo(d, now, policy);
    case 'PaymentRefundSkipped':
      if (!awaiting('refund')) return unchanged;
      d.saga.undo.pop();
      return runNextUndo(d, now, policy);
    case 'CancelRequested':
      return requestCancel(d, input.reason, now, policy);
    case 'Tick':
      return tick(d, now, policy) ?? unchanged;
    default: {
      const unreachable: never = input;
      return unreachable;
    }
  }
}

function requestCancel(d: SagaDecision, reason: string, now: string, policy: SagaPolicy): SagaDecision {
  const saga = d.saga;
  if (saga.cancel || saga.state === 'COMPENSATED' || saga.state === 'FAILED') {
    // Already cancelling or over: the decider answers (idempotent for CANCELLED, conflict for FAILED).
    d.order.push({ type: 'RequestCancellation', data: { reason, now } });
    return d;
  }
  saga.cancel = true;
  d.order.push({ type: 'RequestCancellation', data: { reason, now } });
  if (saga.state === 'COMPLETED') return compensate(d, reason, now, policy);
  if (saga.state === 'COMPENSATING') return d;
  // A forward step is in flight: its reply (or its time-out) turns the saga to compensation,
  // so the undo stack then knows whether that step did something.
  saga.reason = reason;
  return d;
}

/** Null when nothing is due. */
function tick(d: SagaDecision, now: string, policy: SagaPolicy): SagaDecision | null {
  const saga = d.saga;
  const step = saga.awaiting;
  if (step === null) return null;
  const forward = FORWARD.includes(step);
  if (forward && reached(now, saga.deadlineAt)) {
    pushUncertainUndo(saga, step);
    return compensate(d, saga.cancel ? (saga.reason ?? 'cancelled') : 'saga deadline exceeded', now, policy);
  }
  if (!reached(now, saga.nextAttemptAt)) return null;
  if (forward && saga.attempts > policy.maxRetries) {
    pushUncertainUndo(saga, step);
    const why = saga.cancel ? (saga.reason ?? 'cancelled') : `no reply to ${step} after ${saga.attempts} attempts`;
    return compensate(d, why, now, policy);
  }
  return resend(d, step, now, policy);
}

/** A step that timed out may still have happened: undo it anyway (participants treat unknown undos as tombstones). */
function pushUncertainUndo(saga: Saga, step: Step): void {
  if (step === 'reserve') pushUndo(saga, 'release');
  if (step === 'pay') pushUndo(saga, 'refund');
}

function compensate(d: SagaDecision, reason: string, now: string, policy: SagaPolicy): SagaDecision {
  d.saga.reason = reason;
  transition(d.saga, 'COMPENSATING', now);
  return runNextUndo(d, now, policy);
}

function runNextUndo(d: SagaDecision, now: string, policy: SagaPolicy): SagaDecision {
  const next = d.saga.undo.at(-1);
  if (next) return sendStep(d, next, now, policy);
  d.saga.awaiting = null;
  d.saga.nextAttemptAt = null;
  transition(d.saga, 'COMPENSATED', now);
  d.order.push(d.saga.cancel ? { type: 'FinishCancellation', data: { now } } : failOrder(d.saga.reason, now));
  return d;
}

function fail(d: SagaDecision, reason: string, now: string): SagaDecision {
  d.saga.reason = reason;
  d.saga.awaiting = null;
  d.saga.nextAttemptAt = null;
  transition(d.saga, 'FAILED', now);
  d.order.push(failOrder(reason, now));
  return d;
}

const failOrder = (reason: string | null, now: string): OrderCommand => ({
  type: 'FailOrder',
  data: { reason: reason ?? 'failed', now },
});

function sendStep(d: SagaDecision, step: Step, now: string, policy: SagaPolicy): SagaDecision {
  d.saga.awaiting = step;
  d.saga.attempts = 0;
  return resend(d, step, now, policy);
}

function resend(d: SagaDecision, step: Step, now: string, policy: SagaPolicy): SagaDecision {
  const saga = d.saga;
  saga.attempts += 1;
  const backoff = policy.replyTimeoutMs[step] * 2 ** (saga.attempts - 1);
  const compensating = !FORWARD.includes(step);
  saga.nextAttemptAt = addMs(now, compensating ? Math.min(backoff, policy.maxCompensationDelayMs) : backoff);
  d.send.push(commandFor(step, saga.reason ?? 'compensation'));
  return d;
}

function commandFor(step: Step, reason: string): SagaCommand {
  switch (step) {
    case 'reserve':
      return { type: 'inventory.reserve' };
    case 'pay':
      return { type: 'payment.process' };
    case 'confirm':
      return { type: 'inventory.confirm' };
    case 'release':
      return { type: 'inventory.release', reason };
    case 'refund':
      return { type: 'payment.refund', reason };
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

function pushUndo(saga: Saga, undo: Undo): void {
  if (!saga.undo.includes(undo)) saga.undo.push(undo);
}

function transition(saga: Saga, state: SagaState, now: string): void {
  if (saga.state === state) return;
  saga.state = state;
  saga.history.push({ state, at: now });
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}
