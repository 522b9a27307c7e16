// Given/when/then specifications of the checkout saga: every transition and every compensation.
import { describe, expect, it } from 'vitest';
import type { Saga, SagaInput, SagaPolicy } from './checkout.types.ts';
import { reactToSaga, type SagaDecision, startSaga } from './checkout.workflow.ts';

const policy: SagaPolicy = {
  deadlineMs: 300_000,
  maxRetries: 3,
  replyTimeoutMs: { reserve: 1000, pay: 3000, confirm: 1000, release: 1000, refund: 3000 },
  maxCompensationDelayMs: 5000,
};
const T0 = '2026-01-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const ORDER = '0190f5d6-0000-7000-8000-000000000001';

/** Given a list of inputs applied from the start, return the saga they lead to. */
function given(...inputs: SagaInput[]): Saga {
  let saga = startSaga(ORDER, T0, policy).saga;
  for (const input of inputs) saga = reactToSaga(saga, input, T0, policy).saga;
  return saga;
}
const when = (saga: Saga, input: SagaInput, now = T0): SagaDecision => reactToSaga(saga, input, now, policy);
const types = (d: SagaDecision) => ({ send: d.send.map((c) => c.type), order: d.order.map((c) => c.type) });

const reserved: SagaInput = { type: 'InventoryReserved', reservationId: 'r1', expiresAt: at(900_000) };
const paid: SagaInput = { type: 'PaymentConfirmed', paymentId: 'p1', transactionId: 't1', amount: 100 };
const confirmed: SagaInput = { type: 'InventoryConfirmed' };
const released: SagaInput = { type: 'InventoryReleased', reason: 'x' };
const refunded: SagaInput = { type: 'PaymentRefunded', refundId: 'f1', amount: 100 };

describe('a new saga', () => {
  it('starts by reserving stock, with a deadline five minutes out', () => {
    const d = startSaga(ORDER, T0, policy);
    expect(d.saga.state).toBe('STARTED');
    expect(d.saga.awaiting).toBe('reserve');
    expect(d.saga.deadlineAt).toBe(at(300_000));
    expect(types(d)).toEqual({ send: ['inventory.reserve'], order: [] });
  });
});

describe('STARTED (awaiting the reservation)', () => {
  it('on inventory.reserved records it, pushes release and asks for payment', () => {
    const d = when(given(), reserved);
    expect(d.saga.state).toBe('PAYMENT_PROCESSING');
    expect(d.saga.history.map((h) => h.state)).toEqual(['STARTED', 'INVENTORY_RESERVED', 'PAYMENT_PROCESSING']);
    expect(d.saga.undo).toEqual(['release']);
    expect(types(d)).toEqual({ send: ['payment.process'], order: ['RecordInventoryReserved'] });
  });

  it('on inventory.reservation_failed fails the order with nothing to compensate', () => {
    const d = when(given(), { type: 'InventoryReservationFailed', reason: 'out of stock' });
    expect(d.saga.state).toBe('FAILED');
    expect(d.saga.awaiting).toBeNull();
    expect(types(d)).toEqual({ send: [], order: ['FailOrder'] });
    expect(d.order[0]).toMatchObject({ data: { reason: 'insufficient stock: out of stock' } });
  });

  it('ignores replies that belong to other steps', () => {
    const saga = given();
    for (const input of [paid, confirmed, released, refunded]) expect(when(saga, input).saga).toBe(saga);
  });

  it('re-sends the reservation when no reply came in time, with doubling back-off', () => {
    const first = when(given(), { type: 'Tick' }, at(1000));
    expect(types(first).send).toEqual(['inventory.reserve']);
    expect(first.saga.attempts).toBe(2);
    expect(first.saga.nextAttemptAt).toBe(at(1000 + 2000));
    expect(types(when(first.saga, { type: 'Tick' }, at(2999))).send).toEqual([]);
  });

  it('after the last retry compensates defensively: releases a reservation it may have made', () => {
    let saga = given();
    let now = 0;
    for (let i = 0; i < 3; i++) {
      now += 1000 * 2 ** i;
      saga = when(saga, { type: 'Tick' }, at(now)).saga;
    }
    expect(saga.attempts).toBe(4);
    const d = when(saga, { type: 'Tick' }, at(now + 8000));
    expect(d.saga.state).toBe('COMPENSATING');
    expect(d.saga.reason).toBe('no reply to reserve after 4 attempts');
    expect(types(d)).toEqual({ send: ['inventory.release'], order: [] });
  });

  it('past the deadline compensates even when retries remain', () => {
    const d = when(given(), { type: 'Tick' }, at(300_000));
    expect(d.saga.reason).toBe('saga deadline exceeded');
    expect(types(d).send).toEqual(['inventory.release']);
  });

  it('a cancellation waits for the reservation reply, then compensates', () => {
    const cancel = when(given(), { type: 'CancelRequested', reason: 'customer' });
    expect(types(cancel)).toEqual({ send: [], order: ['RequestCancellation'] });
    expect(cancel.saga.awaiting).toBe('reserve');
    const d = when(cancel.saga, reserved);
    expect(d.saga.state).toBe('COMPENSATING');
    expect(types(d)).toEqual({ send: ['inventory.release'], order: ['RecordInventoryReserved'] });
  });

  it('a cancellation whose reservation then fails ends cancelled with nothing to undo', () => {
    const saga = given({ type: 'CancelRequested', reason: 'customer' });
    const d = when(saga, { type: 'InventoryReservationFailed', reason: 'none left' });
    expect(d.saga.state).toBe('COMPENSATED');
    expect(types(d)).toEqual({ send: [], order: ['FinishCancellation'] });
  });
});

describe('PAYMENT_PROCESSING (awaiting the charge)', () => {
  it('on payment.confirmed records it, pushes refund and confirms the reservation', () => {
    const d = when(given(reserved), paid);
    expect(d.saga.undo).toEqual(['release', 'refund']);
    expect(d.saga.awaiting).toBe('confirm');
    expect(types(d)).toEqual({ send: ['inventory.confirm'], order: ['RecordPaymentProcessed'] });
  });

  it('on payment.failed compensates by releasing the reservation', () => {
    const d = when(given(reserved), { type: 'PaymentFailed', reason: 'card_declined' });
    expect(d.saga.state).toBe('COMPENSATING');
    expect(d.saga.reason).toBe('payment failed: card_declined');
    expect(types(d)).toEqual({ send: ['inventory.release'], order: [] });
  });

  it('when the payment times out for good, refunds defensively, then releases (reverse order)', () => {
    let saga = given(reserved);
    let now = 0;
    for (let i = 0; i < 4; i++) {
      now += 3000 * 2 ** i;
      saga = when(saga, { type: 'Tick' }, at(now)).saga;
    }
    expect(saga.undo).toEqual(['release', 'refund']);
    expect(saga.awaiting).toBe('refund');
    const afterRefund = when(saga, { type: 'PaymentRefundSkipped', reason: 'never charged' });
    expect(types(afterRefund).send).toEqual(['inventory.release']);
    const done = when(afterRefund.saga, released);
    expect(done.saga.state).toBe('COMPENSATED');
    expect(types(done).order).toEqual(['RecordInventoryReleased', 'FailOrder']);
  });

  it('a cancellation while charging refunds the charge once it lands', () => {
    const saga = given(reserved, { type: 'CancelRequested', reason: 'customer' });
    const d = when(saga, paid);
    expect(d.saga.undo).toEqual(['release', 'refund']);
    expect(types(d)).toEqual({ send: ['payment.refund'], order: ['RecordPaymentProcessed'] });
  });
});

describe('awaiting the stock confirmation', () => {
  it('on inventory.confirmed completes the saga and the order', () => {
    const d = when(given(reserved, paid), confirmed);
    expect(d.saga.state).toBe('COMPLETED');
    expect(d.saga.awaiting).toBeNull();
    expect(types(d)).toEqual({ send: [], order: ['CompleteOrder'] });
  });

  it('on inventory.confirmation_failed refunds first, then releases', () => {
    const d = when(given(reserved, paid), { type: 'InventoryConfirmationFailed', reason: 'expired' });
    expect(d.saga.state).toBe('COMPENSATING');
    expect(types(d).send).toEqual(['payment.refund']);
    const next = when(d.saga, refunded);
    expect(types(next)).toEqual({ send: ['inventory.release'], order: ['RecordPaymentRefunded'] });
    const done = when(next.saga, released);
    expect(done.saga.state).toBe('COMPENSATED');
    expect(types(done).order).toEqual(['RecordInventoryReleased', 'FailOrder']);
    expect(done.order[1]).toMatchObject({ data: { reason: 'stock confirmation failed: expired' } });
  });
});

describe('COMPLETED', () => {
  const completed = () => given(reserved, paid, confirmed);

  it('a cancellation refunds and restocks, then ends CANCELLED', () => {
    const d = when(completed(), { type: 'CancelRequested', reason: 'changed my mind' });
    expect(d.saga.state).toBe('COMPENSATING');
    expect(types(d)).toEqual({ send: ['payment.refund'], order: ['RequestCancellation'] });
    const done = when(when(d.saga, refunded).saga, released);
    expect(done.saga.state).toBe('COMPENSATED');
    expect(types(done).order).toEqual(['RecordInventoryReleased', 'FinishCancellation']);
  });

  it('ignores late or duplicate replies and clock ticks', () => {
    const saga = completed();
    for (const input of [reserved, paid, confirmed, released, { type: 'Tick' } as const])
      expect(when(saga, input, at(999_999)).saga).toBe(saga);
  });
});

describe('COMPENSATING', () => {
  const compensating = () => when(given(reserved), { type: 'PaymentFailed', reason: 'declined' }).saga;

  it('re-sends an unanswered undo and never gives up, with a capped interval', () => {
    let saga = compensating();
    let now = 0;
    for (let i = 0; i < 10; i++) {
      now += 10_000;
      const d = when(saga, { type: 'Tick' }, at(now));
      expect(types(d).send).toEqual(['inventory.release']);
      saga = d.saga;
    }
    expect(saga.state).toBe('COMPENSATING');
    expect(Date.parse(saga.nextAttemptAt!) - Date.parse(at(now))).toBe(policy.maxCompensationDelayMs);
  });

  it('a customer cancellation during compensation turns the outcome into CANCELLED', () => {
    const d = when(compensating(), { type: 'CancelRequested', reason: 'customer' });
    expect(types(d)).toEqual({ send: [], order: ['RequestCancellation'] });
    expect(types(when(d.saga, released)).order).toEqual(['RecordInventoryReleased', 'FinishCancellation']);
  });

  it('ignores a duplicate release reply once the stack is empty', () => {
    const done = when(compensating(), released).saga;
    expect(done.state).toBe('COMPENSATED');
    expect(when(done, released).saga).toBe(done);
  });
});
