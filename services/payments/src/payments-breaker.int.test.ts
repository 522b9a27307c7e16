// The circuit breaker around the provider (seed 003: 10 calls, at least 5, 50 %): it opens and then fails fast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeAttempts, type Harness, processData, sandboxCharges, startHarness } from './payments.test-harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    PAYMENTS_PROVIDER_TIMEOUT_MS: '200',
    PAYMENTS_RETRY_BASE_MS: '10',
    PAYMENTS_RETRY_MAX_DELAY_MS: '50',
    // Long enough that the breaker is still open when the test looks.
    PAYMENTS_BREAKER_HALF_OPEN_MS: '60000',
  });
});
afterAll(() => h?.close());

const processOverHttp = async (cardToken: string) => {
  const d = processData({ cardToken });
  const response = await h.handle.app.inject({
    method: 'POST',
    url: '/api/payments/process',
    headers: h.signedHeaders('POST', '/api/payments/process'),
    payload: {
      order_id: d.orderId,
      payment_id: d.paymentId,
      customer_id: d.customerId,
      amount: d.amount,
      currency: d.currency,
      method: d.method,
      card_token: d.cardToken,
    },
  });
  return { data: d, response };
};

describe('a provider that stops answering', () => {
  it('opens the breaker after 5 failed calls, after which payments fail fast as unavailable', async () => {
    const first = await processOverHttp('tok_timeout');
    expect(first.response.json()).toMatchObject({ status: 'FAILED', failure_code: 'unavailable', attempts: 4 });
    expect(chargeAttempts(h.provider, first.data.paymentId)).toHaveLength(4);

    // Its first attempt is the 5th failure in the window: the breaker opens and the retries are refused.
    const second = await processOverHttp('tok_timeout');
    expect(second.response.json()).toMatchObject({ status: 'FAILED', failure_code: 'unavailable' });
    expect(chargeAttempts(h.provider, second.data.paymentId)).toHaveLength(1);

    // A good card now never reaches the provider while the breaker is open.
    const third = await processOverHttp('tok_visa');
    expect(third.response.json()).toMatchObject({ status: 'FAILED', failure_code: 'unavailable' });
    expect(third.response.json().failure_reason).toContain('circuit breaker open');
    expect(chargeAttempts(h.provider, third.data.paymentId)).toHaveLength(0);
    expect(sandboxCharges(h.provider, third.data.orderId)).toHaveLength(0);

    const [event] = await h.eventsFor(third.data.paymentId);
    expect(event).toMatchObject({ type: 'payment.failed', data: { code: 'unavailable' } });

    const metrics = (await h.handle.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/payments_provider_breaker_state\{[^}]*\} 2/);
    expect(metrics).toMatch(/payments_provider_calls_total\{[^}]*outcome="short_circuited"[^}]*\} [1-9]/);
  });
});
