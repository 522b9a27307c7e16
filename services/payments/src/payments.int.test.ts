// payments over the real bus and database against the provider sandbox: charges, retries, refunds, idempotency.
import type { AddressInfo } from 'node:net';
import { type Caller, customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentsRepository } from './payment/payment.sql.ts';
import { chargeAttempts, type Harness, processData, sandboxCharges, startHarness } from './payments.test-harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    PAYMENTS_PROVIDER_TIMEOUT_MS: '300',
    PAYMENTS_RETRY_BASE_MS: '10',
    PAYMENTS_RETRY_MAX_DELAY_MS: '50',
    // This file is about outcomes, not the breaker (see payments-breaker.int.test.ts): keep it from opening.
    PAYMENTS_BREAKER_WINDOW: '1000',
    PAYMENTS_BREAKER_MIN_CALLS: '1000',
    PAYMENTS_COMMAND_RETRY_DELAYS_MS: '50,100,200',
    // One command at a time, so a marker command published after a duplicate is handled after it.
    PAYMENTS_PREFETCH: '1',
  });
});
afterAll(() => h?.close());

const paymentsOf = async (orderId: string, as?: Caller) => {
  const url = `/api/payments/${orderId}`;
  return h.handle.app.inject({ method: 'GET', url, headers: h.signedHeaders('GET', url, as) });
};

describe("an order's payments over HTTP", () => {
  it('are shown to the customer charged and to admins, hidden (404) from other customers, 401 anonymous', async () => {
    const data = processData({ customerId: 'owner-customer' });
    await h.publishProcess(data);
    await h.eventsFor(data.paymentId);
    expect((await paymentsOf(data.orderId, customerCaller('owner-customer'))).statusCode).toBe(200);
    expect((await paymentsOf(data.orderId)).statusCode).toBe(200);
    const stranger = await paymentsOf(data.orderId, customerCaller('another-customer'));
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).not.toContain('owner-customer');
    const anonymous = await h.handle.app.inject({ method: 'GET', url: `/api/payments/${data.orderId}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses process and refund to a customer (403)', async () => {
    for (const url of ['/api/payments/process', '/api/payments/refund']) {
      const headers = h.signedHeaders('POST', url, customerCaller('owner-customer'));
      const res = await h.handle.app.inject({
        method: 'POST',
        url,
        headers,
        payload: { order_id: processData().orderId },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('payment.process over the bus', () => {
  it('tok_visa: APPROVED, payment.confirmed with the charge id, one charge at the provider', async () => {
    const data = processData();
    await h.publishProcess(data);
    const [event] = await h.eventsFor(data.paymentId);
    const [charge] = sandboxCharges(h.provider, data.orderId);
    expect(event).toMatchObject({ type: 'payment.confirmed', correlationId: data.orderId });
    expect(event?.data).toEqual({
      orderId: data.orderId,
      paymentId: data.paymentId,
      transactionId: data.paymentId,
      providerChargeId: charge?.id,
      amount: 29990,
      currency: 'BRL',
    });
    const view = (await paymentsOf(data.orderId)).json();
    expect(view.transactions).toEqual([
      expect.objectContaining({ payment_id: data.paymentId, status: 'APPROVED', attempts: 1, method: 'credit_card' }),
    ]);
    expect(JSON.stringify(view)).not.toContain('tok_');
  });

  it('tok_chargeDeclined: DECLINED, payment.failed declined after exactly one provider attempt', async () => {
    const data = processData({ cardToken: 'tok_chargeDeclined' });
    await h.publishProcess(data);
    const [event] = await h.eventsFor(data.paymentId);
    expect(event).toMatchObject({ type: 'payment.failed', data: { code: 'declined' } });
    expect(chargeAttempts(h.provider, data.paymentId)).toHaveLength(1);
    expect((await paymentsOf(data.orderId)).json().transactions[0]).toMatchObject({ status: 'DECLINED' });
  });

  it('tok_timeout: 1 + 3 retries time out, reconciliation finds nothing, payment.failed unavailable', async () => {
    const data = processData({ cardToken: 'tok_timeout' });
    await h.publishProcess(data);
    const [event] = await h.eventsFor(data.paymentId);
    expect(event).toMatchObject({ type: 'payment.failed', data: { code: 'unavailable' } });
    expect(chargeAttempts(h.provider, data.paymentId)).toHaveLength(4);
    expect(h.provider.ledger.charges().filter((c) => c.metadata.order_id === data.orderId)).toHaveLength(0);
    expect((await paymentsOf(data.orderId)).json().transactions[0]).toMatchObject({ status: 'FAILED', attempts: 4 });
  });

  it('tok_flaky: two 503s are retried, APPROVED with exactly one succeeded charge', async () => {
    const data = processData({ cardToken: 'tok_flaky' });
    await h.publishProcess(data);
    const [event] = await h.eventsFor(data.paymentId);
    expect(event?.type).toBe('payment.confirmed');
    expect(chargeAttempts(h.provider, data.paymentId)).toHaveLength(3);
    expect(sandboxCharges(h.provider, data.orderId)).toHaveLength(1);
  });

  it('a redelivered command (same message id) charges once and answers once', async () => {
    const data = processData();
    const first = await h.publishProcess(data);
    await h.publishProcess(data, first.id);
    const marker = processData();
    await h.publishProcess(marker);
    await h.eventsFor(marker.paymentId);
    expect(await h.eventsFor(data.paymentId)).toHaveLength(1);
    expect(sandboxCharges(h.provider, data.orderId)).toHaveLength(1);
  });

  it('a re-sent command (new message id) is answered again from the record, still one charge', async () => {
    const data = processData();
    await h.publishProcess(data);
    await h.eventsFor(data.paymentId);
    await h.publishProcess(data);
    const events = await h.eventsFor(data.paymentId, 2);
    expect(events.map((e) => e.type)).toEqual(['payment.confirmed', 'payment.confirmed']);
    expect(events[1]?.data).toEqual(events[0]?.data);
    expect(chargeAttempts(h.provider, data.paymentId)).toHaveLength(1);
  });

  it('a crash after the charge but before tx2: the redelivery gets the same charge, never a second one', async () => {
    const data = processData();
    // The state such a crash leaves: the PENDING row committed (tx1) and the charge made at the provider.
    await paymentsRepository(h.infra.sql).insertPending(data);
    const address = h.provider.server.address() as AddressInfo;
    const charged = await fetch(`http://127.0.0.1:${address.port}/v1/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': data.paymentId },
      body: JSON.stringify({
        amount: data.amount,
        currency: data.currency,
        source: data.cardToken,
        metadata: { order_id: data.orderId, payment_id: data.paymentId },
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);

    await h.publishProcess(data);
    const [event] = await h.eventsFor(data.paymentId);
    expect(event).toMatchObject({ type: 'payment.confirmed', data: { providerChargeId: charged.id } });
    expect(sandboxCharges(h.provider, data.orderId)).toHaveLength(1);
  });

  it('a second payment id for an order already paid is refused: one successful charge per order', async () => {
    const data = processData();
    await h.publishProcess(data);
    await h.eventsFor(data.paymentId);
    const again = processData({ orderId: data.orderId });
    await h.publishProcess(again);
    const [event] = await h.eventsFor(again.paymentId);
    expect(event).toMatchObject({ type: 'payment.failed', data: { code: 'invalid' } });
    expect(chargeAttempts(h.provider, again.paymentId)).toHaveLength(0);
    expect(sandboxCharges(h.provider, data.orderId)).toHaveLength(1);
  });
});

describe('payment.refund over the bus', () => {
  it('refunds an approved payment once; a re-sent refund answers the same refund', async () => {
    const data = processData();
    await h.publishProcess(data);
    await h.eventsFor(data.paymentId);
    const refund = { orderId: data.orderId, paymentId: data.paymentId, reason: 'saga compensation' };
    await h.publishRefund(refund);
    const [, refunded] = await h.eventsFor(data.paymentId, 2);
    expect(refunded).toMatchObject({ type: 'payment.refunded', data: { amount: 29990, currency: 'BRL' } });
    await h.publishRefund(refund);
    const [, , again] = await h.eventsFor(data.paymentId, 3);
    expect(again?.data).toEqual(refunded?.data);

    const [charge] = sandboxCharges(h.provider, data.orderId);
    expect(h.provider.ledger.refunds().filter((r) => r.charge === charge?.id)).toHaveLength(1);
    expect(charge).toMatchObject({ refunded: true, amount_refunded: 29990 });
    const view = (await paymentsOf(data.orderId)).json().transactions[0];
    expect(view.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', amount: 29990 })]);
  });

  it('a declined payment has nothing to refund: payment.refund_skipped', async () => {
    const data = processData({ cardToken: 'tok_chargeDeclined' });
    await h.publishProcess(data);
    await h.eventsFor(data.paymentId);
    await h.publishRefund({ orderId: data.orderId, paymentId: data.paymentId, reason: 'compensation' });
    const [, skipped] = await h.eventsFor(data.paymentId, 2);
    expect(skipped?.type).toBe('payment.refund_skipped');
    expect(h.provider.ledger.refunds()).not.toContainEqual(
      expect.objectContaining({ idempotency_key: `refund-${data.paymentId}` }),
    );
  });

  it('a refund before the payment leaves a tombstone: the late payment.process never charges', async () => {
    const data = processData();
    await h.publishRefund({ orderId: data.orderId, paymentId: data.paymentId, reason: 'saga timed out' });
    const [skipped] = await h.eventsFor(data.paymentId);
    expect(skipped?.type).toBe('payment.refund_skipped');
    await h.publishProcess(data);
    const [, failed] = await h.eventsFor(data.paymentId, 2);
    expect(failed).toMatchObject({ type: 'payment.failed', data: { code: 'invalid' } });
    expect(chargeAttempts(h.provider, data.paymentId)).toHaveLength(0);
  });
});

describe('the admin HTTP API', () => {
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    h.handle.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { ...h.signedHeaders('POST', url), ...headers },
    });
  const body = (overrides: Record<string, unknown> = {}) => {
    const d = processData();
    return {
      order_id: d.orderId,
      customer_id: d.customerId,
      amount: 1200,
      currency: 'USD',
      method: 'debit_card',
      card_token: 'tok_visa',
      ...overrides,
    };
  };

  it('processes synchronously; the same Idempotency-Key replays the answer without a second charge', async () => {
    const request = body();
    const first = await post('/api/payments/process', request, { 'idempotency-key': 'admin-key-1' });
    const again = await post('/api/payments/process', request, { 'idempotency-key': 'admin-key-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ order_id: request.order_id, status: 'APPROVED', amount: 1200 });
    expect(first.json()).not.toHaveProperty('card_token');
    expect(again.json()).toEqual(first.json());
    expect(sandboxCharges(h.provider, request.order_id)).toHaveLength(1);

    const reused = await post('/api/payments/process', body(), { 'idempotency-key': 'admin-key-1' });
    expect(reused.statusCode).toBe(422);
  });

  it('refunds the captured payment of an order', async () => {
    const request = body();
    await post('/api/payments/process', request);
    const refunded = await post('/api/payments/refund', { order_id: request.order_id, reason: 'customer asked' });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json().refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', amount: 1200 })]);
    const none = await post('/api/payments/refund', { order_id: processData().orderId });
    expect(none.statusCode).toBe(404);
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: '1200' }],
    ['card_token', { card_token: '4111111111111111' }],
    ['currency', { currency: 'XYZ' }],
    ['order_id', { order_id: 'not-a-uuid' }],
    ['extra', { extra: true }],
  ])('bad input (%s) -> 400 problem+json naming the field, nothing written', async (field, overrides) => {
    const request = body(overrides);
    const response = await post('/api/payments/process', request);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json().errors)).toContain(field);
    if (typeof request.order_id === 'string' && request.order_id.length === 36)
      expect((await paymentsOf(request.order_id)).statusCode).toBe(404);
  });

  it('refuses callers without the admin token', async () => {
    const response = await h.handle.app.inject({ method: 'POST', url: '/api/payments/process', payload: body() });
    expect(response.statusCode).toBe(401);
    const read = await h.handle.app.inject({ method: 'GET', url: `/api/payments/${processData().orderId}` });
    expect(read.statusCode).toBe(401);
  });
});
