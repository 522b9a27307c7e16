// Given the stored payment, when payment.refund arrives (or the provider answers), then this decision.
import { describe, expect, it } from 'vitest';
import type { PaymentRecord, RefundRequest } from './payment.model.ts';
import { decideAfterLookup, decideRefund, resolveRefund } from './refund.decider.ts';

const request: RefundRequest = {
  orderId: '0190c1d2-0000-7000-8000-000000000001',
  paymentId: '0190c1d2-0000-7000-8000-0000000000aa',
  reason: 'saga compensation',
};

const payment = (overrides: Partial<PaymentRecord> = {}): PaymentRecord => ({
  id: request.paymentId,
  orderId: request.orderId,
  customerId: 'customer-1',
  amount: 5000,
  currency: 'USD',
  method: 'credit_card',
  status: 'APPROVED',
  providerChargeId: 'ch_1',
  failureCode: null,
  failureReason: null,
  attempts: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  refund: null,
  ...overrides,
});

const skipped = (reason: string) => ({
  type: 'payment.refund_skipped',
  data: { orderId: request.orderId, paymentId: request.paymentId, reason },
});

describe('an unknown payment (refund before process)', () => {
  it('writes a tombstone and answers refund_skipped', () => {
    expect(decideRefund(request, null)).toEqual({ kind: 'tombstone', outcome: skipped('payment never processed') });
  });
});

describe('an APPROVED payment', () => {
  it('not refunded yet: refunds the full captured amount of its charge', () => {
    expect(decideRefund(request, payment())).toEqual({ kind: 'refund', chargeId: 'ch_1', amount: 5000 });
  });

  it('refund left PENDING or FAILED earlier: refunds again (same idempotency key at the provider)', () => {
    const pending = payment({
      refund: { id: 'r1', amount: 5000, status: 'PENDING', providerRefundId: null, reason: null, createdAt: '' },
    });
    expect(decideRefund(request, pending)).toMatchObject({ kind: 'refund' });
  });

  it('already refunded: answers payment.refunded again with the same refund id', () => {
    const refunded = payment({
      refund: { id: 'r1', amount: 5000, status: 'SUCCEEDED', providerRefundId: 're_1', reason: null, createdAt: '' },
    });
    expect(decideRefund(request, refunded)).toEqual({
      kind: 'reply',
      outcome: {
        type: 'payment.refunded',
        data: { orderId: request.orderId, paymentId: request.paymentId, refundId: 'r1', amount: 5000, currency: 'USD' },
      },
    });
  });

  it('of another order: skips', () => {
    const other = payment({ orderId: '0190c1d2-0000-7000-8000-000000000002' });
    expect(decideRefund(request, other)).toEqual({
      kind: 'skip',
      outcome: skipped('payment belongs to another order'),
    });
  });
});

describe('a payment that captured nothing', () => {
  it.each([
    ['DECLINED', 'declined'],
    ['FAILED', 'invalid'],
    ['VOIDED', 'invalid'],
  ] as const)('%s: skips', (status, failureCode) => {
    expect(decideRefund(request, payment({ status, failureCode, providerChargeId: null }))).toMatchObject({
      kind: 'skip',
      outcome: { type: 'payment.refund_skipped' },
    });
  });
});

describe('a payment still being charged', () => {
  it('PENDING: waits for the charge to settle', () => {
    expect(decideRefund(request, payment({ status: 'PENDING', providerChargeId: null }))).toMatchObject({
      kind: 'busy',
    });
  });
});

describe('a payment FAILED unavailable (its charge never confirmed either way)', () => {
  const unconfirmed = payment({ status: 'FAILED', failureCode: 'unavailable', providerChargeId: null });

  it('looks the charge up first', () => expect(decideRefund(request, unconfirmed)).toEqual({ kind: 'lookup' }));

  it('found succeeded: refunds it, so nothing captured is kept', () => {
    const lookup = { kind: 'found', chargeId: 'ch_late', succeeded: true, failureCode: null } as const;
    expect(decideAfterLookup(request, unconfirmed, lookup)).toEqual({
      kind: 'refund',
      chargeId: 'ch_late',
      amount: 5000,
    });
  });

  it('absent: skips', () => {
    expect(decideAfterLookup(request, unconfirmed, { kind: 'absent' })).toEqual({
      kind: 'skip',
      outcome: skipped('nothing was captured'),
    });
  });

  it('lookup failed: waits', () => {
    expect(decideAfterLookup(request, unconfirmed, { kind: 'unknown', reason: 'down' })).toMatchObject({
      kind: 'busy',
    });
  });
});

describe('the provider answered a refund', () => {
  it('succeeded -> refunded', () => {
    expect(resolveRefund({ kind: 'succeeded', refundId: 're_1' })).toEqual({
      kind: 'refunded',
      providerRefundId: 're_1',
    });
  });
  it('refused -> failed for good', () => {
    const result = { kind: 'rejected', status: 400, code: 'amount_too_large', message: 'no' } as const;
    expect(resolveRefund(result)).toMatchObject({ kind: 'failed' });
  });
  it('unavailable -> retry later', () => {
    expect(resolveRefund({ kind: 'unavailable', reason: 'down' })).toMatchObject({ kind: 'retry' });
  });
});
