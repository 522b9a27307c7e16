// Specs of the sandbox's Stripe-like behaviour, driven through app.inject() (no sockets).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createProviderApp } from './provider-app.ts';

const app = createProviderApp({ timeoutTokenDelayMs: 20 });
afterAll(() => app.close());
beforeEach(() => app.ledger.reset());

const charge = (key: string | undefined, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/v1/charges',
    headers: key ? { 'idempotency-key': key } : {},
    payload: { amount: 1500, currency: 'BRL', ...body },
  });
const refund = (key: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/v1/refunds', headers: { 'idempotency-key': key }, payload: body });
const succeeded = () => app.ledger.charges().filter((c) => c.status === 'succeeded');

describe('a charge with tok_visa', () => {
  it('succeeds once, and the same key replays the same charge', async () => {
    const first = await charge('k1', { source: 'tok_visa', metadata: { order_id: 'o1' } });
    const again = await charge('k1', { source: 'tok_visa', metadata: { order_id: 'o1' } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'succeeded', amount: 1500, currency: 'BRL' });
    expect(first.json().id).toMatch(/^ch_/);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(succeeded()).toHaveLength(1);
  });

  it('refuses the same key with another body (409) and a missing key (400)', async () => {
    await charge('k1', { source: 'tok_visa' });
    const reused = await charge('k1', { source: 'tok_visa', amount: 999 });
    const keyless = await charge(undefined, { source: 'tok_visa' });
    expect(reused.statusCode).toBe(409);
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json().error.param).toBe('Idempotency-Key');
    expect(succeeded()).toHaveLength(1);
  });

  it('rejects malformed bodies without coercing them', async () => {
    expect((await charge('k2', { source: 'tok_visa', amount: 0 })).statusCode).toBe(400);
    expect((await charge('k3', { source: 'tok_visa', amount: '1500' })).statusCode).toBe(400);
    expect((await charge('k4', { source: 'tok_visa', extra: true })).statusCode).toBe(400);
    expect(app.ledger.charges()).toHaveLength(0);
  });

  it('is found by its idempotency key, by id and in the list', async () => {
    const id = (await charge('k5', { source: 'tok_visa' })).json().id;
    expect((await app.inject({ url: '/v1/charges?idempotency_key=k5' })).json().id).toBe(id);
    expect((await app.inject({ url: `/v1/charges/${id}` })).json().id).toBe(id);
    expect((await app.inject({ url: '/v1/charges' })).json().data).toHaveLength(1);
    expect((await app.inject({ url: '/v1/charges?idempotency_key=nope' })).statusCode).toBe(404);
  });
});

describe('a charge that cannot succeed', () => {
  it('tok_chargeDeclined answers 402 card_declined, the same each time for the key', async () => {
    const first = await charge('d1', { source: 'tok_chargeDeclined' });
    const again = await charge('d1', { source: 'tok_chargeDeclined' });
    expect(first.statusCode).toBe(402);
    expect(first.json().error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect(again.json()).toEqual(first.json());
    expect(succeeded()).toHaveLength(0);
  });

  it('an unknown token answers 402 invalid_token and records no charge', async () => {
    const response = await charge('d2', { source: 'tok_unknown' });
    expect(response.statusCode).toBe(402);
    expect(response.json().error.code).toBe('invalid_token');
    expect(app.ledger.charges()).toHaveLength(0);
  });

  it('tok_timeout holds the request, answers 504 and records no charge', async () => {
    const response = await charge('t1', { source: 'tok_timeout' });
    expect(response.statusCode).toBe(504);
    expect(app.ledger.charges()).toHaveLength(0);
    expect(app.ledger.requests('t1')).toEqual([expect.objectContaining({ path: '/v1/charges', status: 504 })]);
  });
});

describe('a charge with tok_flaky', () => {
  it('fails twice with 503 for a key, then succeeds exactly once', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await charge('f1', { source: 'tok_flaky' })).statusCode);
    expect(statuses).toEqual([503, 503, 201, 201]);
    expect(succeeded()).toHaveLength(1);
    expect(app.ledger.requests('f1')).toHaveLength(4);
  });
});

describe('a refund', () => {
  it('refunds the captured amount once per key and never above what was captured', async () => {
    const chargeId = (await charge('c1', { source: 'tok_visa' })).json().id;
    const first = await refund('r1', { charge: chargeId });
    const again = await refund('r1', { charge: chargeId });
    const more = await refund('r2', { charge: chargeId, amount: 1 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'succeeded', amount: 1500, charge: chargeId });
    expect(first.json().id).toMatch(/^re_/);
    expect(again.json().id).toBe(first.json().id);
    expect(more.statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/refunds' })).json().data).toHaveLength(1);
    expect(app.ledger.charge(chargeId)).toMatchObject({ refunded: true, amount_refunded: 1500 });
  });

  it('answers 400 above the captured amount and 404 for an unknown charge', async () => {
    const chargeId = (await charge('c2', { source: 'tok_visa' })).json().id;
    expect((await refund('r3', { charge: chargeId, amount: 1501 })).statusCode).toBe(400);
    expect((await refund('r4', { charge: 'ch_missing' })).statusCode).toBe(404);
    expect(app.ledger.refunds()).toHaveLength(0);
  });
});

describe('the test helpers', () => {
  it('reset clears every record', async () => {
    await charge('x1', { source: 'tok_visa' });
    expect((await app.inject({ method: 'POST', url: '/v1/reset' })).statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/charges' })).json().data).toEqual([]);
    expect((await app.inject({ url: '/v1/requests' })).json().data).toEqual([]);
  });
});
