// Given the stored payment state, when payment.process arrives or the provider answers, then this decision.
import { describe, expect, it } from 'vitest';
import { decideProcess, needsLookup, resolveCharge } from './payment.decider.ts';
import { outcomeOf, type PaymentRecord, type ProcessRequest } from './payment.model.ts';

const request: ProcessRequest = {
  orderId: '0190c1d2-0000-7000-8000-000000000001',
  paymentId: '0190c1d2-0000-7000-8000-0000000000aa',
  customerId: 'customer-1',
  amount: 29990,
  currency: 'BRL',
  method: 'credit_card',
  cardToken: 'tok_visa',
};

const payment = (overrides: Partial<PaymentRecord> = {}): PaymentRecord => ({
  id: request.paymentId,
  orderId: request.orderId,
  customerId: request.customerId,
  amount: request.amount,
  currency: request.currency,
  method: request.method,
  status: 'PENDING',
  providerChargeId: null,
  failureCode: null,
  failureReason: null,
  attempts: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  refund: null,
  ...overrides,
});

describe('no payment with this id yet', () => {
  it('charges, inserting the PENDING row', () => {
    expect(decideProcess(request, null, null)).toEqual({ kind: 'charge', insert: true });
  });

  it('rejects (and records) a zero amount without calling the provider', () => {
    const decision = decideProcess({ ...request, amount: 0 }, null, null);
    expect(decision).toMatchObject({ kind: 'reject', record: true, outcome: { type: 'payment.failed' } });
    expect(decision.kind === 'reject' && decision.outcome.data).toMatchObject({ code: 'invalid' });
  });

  it('rejects a second payment of an order that is already paid: one successful charge per order', () => {
    const other = payment({ id: '0190c1d2-0000-7000-8000-0000000000bb', status: 'APPROVED', providerChargeId: 'ch_1' });
    const decision = decideProcess(request, null, other);
    expect(decision).toMatchObject({ kind: 'reject', record: true });
    expect(decision.kind === 'reject' && decision.outcome.data).toMatchObject({ code: 'invalid' });
  });

  it('waits while another payment of the same order is being charged', () => {
    const other = payment({ id: '0190c1d2-0000-7000-8000-0000000000bb', status: 'PENDING' });
    expect(decideProcess(request, null, other)).toMatchObject({ kind: 'busy' });
  });
});

describe('a PENDING payment (a charge that was interrupted)', () => {
  it('charges again without inserting: the idempotency key makes it the same charge', () => {
    expect(decideProcess(request, payment(), null)).toEqual({ kind: 'charge', insert: false });
  });

  it('rejects a command reusing the payment id with other details, without touching the row', () => {
    const decision = decideProcess({ ...request, amount: 1 }, payment(), null);
    expect(decision).toMatchObject({ kind: 'reject', record: false });
  });
});

describe('a settled payment', () => {
  it('APPROVED: answers payment.confirmed again', () => {
    const approved = payment({ status: 'APPROVED', providerChargeId: 'ch_1' });
    expect(decideProcess(request, approved, null)).toEqual({
      kind: 'reply',
      outcome: {
        type: 'payment.confirmed',
        data: {
          orderId: request.orderId,
          paymentId: request.paymentId,
          transactionId: request.paymentId,
          providerChargeId: 'ch_1',
          amount: 29990,
          currency: 'BRL',
        },
      },
    });
  });

  it('DECLINED: answers payment.failed declined again', () => {
    const declined = payment({ status: 'DECLINED', failureCode: 'declined', failureReason: 'card_declined: no' });
    const decision = decideProcess(request, declined, null);
    expect(decision).toMatchObject({ kind: 'reply', outcome: { type: 'payment.failed' } });
    expect(decision.kind === 'reply' && decision.outcome.data).toMatchObject({ code: 'declined' });
  });

  it('VOIDED (refund came first): answers payment.failed invalid and never charges', () => {
    const decision = decideProcess(request, payment({ status: 'VOIDED' }), null);
    expect(decision).toMatchObject({ kind: 'reject', record: false });
    expect(decision.kind === 'reject' && decision.outcome.data).toMatchObject({ code: 'invalid' });
  });
});

describe('the provider answered', () => {
  it('succeeded -> APPROVED with the charge id', () => {
    expect(resolveCharge({ kind: 'succeeded', chargeId: 'ch_1' }, null)).toEqual({
      status: 'APPROVED',
      providerChargeId: 'ch_1',
    });
  });

  it('declined -> DECLINED, final, no lookup', () => {
    const result = { kind: 'declined', code: 'card_declined', message: 'Your card was declined.' } as const;
    expect(needsLookup(result)).toBe(false);
    expect(resolveCharge(result, null)).toMatchObject({ status: 'DECLINED', failureCode: 'declined' });
  });

  it('rejected the request -> FAILED invalid', () => {
    const resolution = resolveCharge({ kind: 'rejected', status: 400, message: 'bad' }, null);
    expect(resolution).toMatchObject({ status: 'FAILED', failureCode: 'invalid' });
  });
});

describe('the provider stopped answering (retries exhausted), then the charge was looked up', () => {
  const unavailable = { kind: 'unavailable', reason: 'no answer within 3000 ms' } as const;

  it('needs a lookup', () => expect(needsLookup(unavailable)).toBe(true));

  it('found succeeded -> APPROVED (the charge went through after all)', () => {
    const lookup = { kind: 'found', chargeId: 'ch_9', succeeded: true, failureCode: null } as const;
    expect(resolveCharge(unavailable, lookup)).toEqual({ status: 'APPROVED', providerChargeId: 'ch_9' });
  });

  it('found declined -> DECLINED', () => {
    const lookup = { kind: 'found', chargeId: 'ch_9', succeeded: false, failureCode: 'card_declined' } as const;
    expect(resolveCharge(unavailable, lookup)).toMatchObject({ status: 'DECLINED', providerChargeId: 'ch_9' });
  });

  it('absent -> FAILED unavailable', () => {
    expect(resolveCharge(unavailable, { kind: 'absent' })).toMatchObject({
      status: 'FAILED',
      failureCode: 'unavailable',
    });
  });

  it('lookup failed too -> FAILED unavailable, marked as not confirmed', () => {
    const resolution = resolveCharge(unavailable, { kind: 'unknown', reason: 'circuit breaker open' });
    expect(resolution).toMatchObject({ status: 'FAILED', failureCode: 'unavailable' });
    expect(resolution.status !== 'APPROVED' && resolution.failureReason).toContain('not confirmed');
  });
});

describe('the recorded outcome of a payment', () => {
  it('FAILED unavailable -> payment.failed unavailable', () => {
    const failed = payment({ status: 'FAILED', failureCode: 'unavailable', failureReason: 'down' });
    expect(outcomeOf(failed)).toEqual({
      type: 'payment.failed',
      data: { orderId: request.orderId, paymentId: request.paymentId, code: 'unavailable', reason: 'down' },
    });
  });

  it('PENDING has none yet', () => expect(() => outcomeOf(payment())).toThrow(/pending/));
});
