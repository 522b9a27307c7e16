// The order saga end to end through HTTP, on real PostgreSQL, RabbitMQ and Redis: every outcome of checkout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { chargesFor, createStockedProduct, orderBody, placeAndWait, stockOf, waitForStatus } from './support/shop.ts';

describe.each(['real', 'embedded'] as const)('checkout on %s infrastructure', (infrastructure) => {
  let shop: PlatformUnderTest;

  beforeAll(async () => {
    shop = await startPlatformUnderTest({}, infrastructure);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('tok_visa: the order is CONFIRMED, charged once, and stock moves from available to sold', async () => {
    const product = await createStockedProduct(shop, 2500, { main: 10 });
    const correlationId = `e2e-${product}`;
    const res = await placeAndWait(shop, orderBody(product, 3), { 'x-correlation-id': correlationId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CONFIRMED', total: 7500, currency: 'BRL' });
    expect(res.body.order_number).toMatch(/^TC-\d{4}-\d{6,}$/);
    expect(res.body.saga.history.map((h: { state: string }) => h.state)).toEqual([
      'STARTED',
      'INVENTORY_RESERVED',
      'PAYMENT_PROCESSING',
      'COMPLETED',
    ]);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 7, reserved: 0, available: 7 });
    const charges = await chargesFor(shop, res.body.order_id);
    expect(charges.filter((c) => c.status === 'succeeded')).toHaveLength(1);
    expect(charges[0]?.amount).toBe(7500);
    // The request's correlation id followed every message: each event, appended on a reply from inventory or
    // payments, still carries it.
    const orders = await shop.sql('orders');
    const { rows } = await orders.query<{ event_type: string; correlation_id: string }>(
      'SELECT event_type, correlation_id FROM order_events WHERE aggregate_id = $1 ORDER BY version',
      [res.body.order_id],
    );
    expect(rows.map((r) => r.event_type)).toEqual([
      'OrderCreated',
      'InventoryReserved',
      'PaymentProcessed',
      'OrderCompleted',
    ]);
    expect(new Set(rows.map((r) => r.correlation_id))).toEqual(new Set([correlationId]));
  });

  it('answers 202 with a status link when the client does not wait', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const res = await http(`${shop.urls.orders}/api/orders`, { body: orderBody(product, 1) });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'PENDING',
      version: 1,
      order_number: expect.stringMatching(/^TC-\d{4}-\d{6,}$/),
      status_url: `/api/orders/${res.body.order_id}`,
    });
    expect(res.headers.get('location')).toBe(`/api/orders/${res.body.order_id}`);
    expect((await waitForStatus(shop, res.body.order_id, ['CONFIRMED'])).status).toBe('CONFIRMED');
  });

  it('tok_chargeDeclined: FAILED with the reservation released and nothing charged', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const res = await placeAndWait(shop, orderBody(product, 2, 'tok_chargeDeclined'));
    const order = await waitForStatus(shop, res.body.order_id, ['FAILED']);
    expect(order.failure_reason).toMatch(/payment failed: declined/);
    expect(order.saga.state).toBe('COMPENSATED');
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 5, reserved: 0, available: 5 });
    expect((await chargesFor(shop, order.order_id)).filter((c) => c.status === 'succeeded')).toHaveLength(0);
  });

  it('insufficient stock: FAILED and the provider is never called', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 2 });
    const res = await placeAndWait(shop, orderBody(product, 3));
    const order = await waitForStatus(shop, res.body.order_id, ['FAILED']);
    expect(order.failure_reason).toMatch(/insufficient stock/);
    expect(order.saga.state).toBe('FAILED');
    expect(await chargesFor(shop, order.order_id)).toHaveLength(0);
    const payments = await http(`${shop.urls.payments}/api/payments/${order.order_id}`, { admin: true });
    expect(JSON.stringify(payments.body)).not.toMatch(/APPROVED/);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 2, reserved: 0, available: 2 });
  });

  it('tok_flaky: CONFIRMED with exactly one charge at the provider', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const res = await placeAndWait(shop, orderBody(product, 1, 'tok_flaky'));
    const order = await waitForStatus(shop, res.body.order_id, ['CONFIRMED']);
    expect((await chargesFor(shop, order.order_id)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('a repeated POST with the same Idempotency-Key returns the same order', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const headers = { 'idempotency-key': `key-${product}` };
    const body = orderBody(product, 1);
    const [a, b] = await Promise.all([
      http(`${shop.urls.orders}/api/orders`, { body, headers }),
      http(`${shop.urls.orders}/api/orders`, { body, headers }),
    ]);
    const c = await http(`${shop.urls.orders}/api/orders`, { body, headers });
    expect(a.status).toBe(202);
    expect(new Set([a.body.order_id, b.body.order_id, c.body.order_id]).size).toBe(1);
    expect(c.headers.get('idempotent-replayed')).toBe('true');
    const conflicting = await http(`${shop.urls.orders}/api/orders`, { body: orderBody(product, 2), headers });
    expect(conflicting.status).toBe(422);
    await waitForStatus(shop, a.body.order_id, ['CONFIRMED']);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 4 });
  });

  it('cancelling a CONFIRMED order refunds the charge and returns the stock', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await placeAndWait(shop, orderBody(product, 2));
    expect(placed.body.status).toBe('CONFIRMED');
    const cancel = await http(`${shop.urls.orders}/api/orders/${placed.body.order_id}`, { method: 'DELETE' });
    expect([200, 202]).toContain(cancel.status);
    const order = await waitForStatus(shop, placed.body.order_id, ['CANCELLED']);
    expect(order.payment).toMatchObject({ captured: true, refunded: true });
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 5, reserved: 0, available: 5 });
    const refunds = await http(`${shop.urls['payment-provider']}/v1/refunds`);
    const list = Array.isArray(refunds.body) ? refunds.body : refunds.body.data;
    const charge = (await chargesFor(shop, order.order_id))[0];
    expect(list.filter((r: { charge: string }) => r.charge === charge?.id)).toHaveLength(1);
  });

  it('cancelling right after placing ends CANCELLED with stock and money conserved', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await http(`${shop.urls.orders}/api/orders`, { body: orderBody(product, 2) });
    await http(`${shop.urls.orders}/api/orders/${placed.body.order_id}`, { method: 'DELETE' });
    const order = await waitForStatus(shop, placed.body.order_id, ['CANCELLED']);
    expect(order.payment.captured).toBe(order.payment.refunded);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('admin moves a confirmed order to SHIPPED then DELIVERED; a shipped order cannot be cancelled', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await placeAndWait(shop, orderBody(product, 1));
    const url = `${shop.urls.orders}/api/orders/${placed.body.order_id}`;
    // The customer who placed it may not ship it (403); nobody anonymous may (401).
    expect((await http(`${url}/status`, { method: 'PUT', body: { status: 'SHIPPED' } })).status).toBe(403);
    expect((await http(`${url}/status`, { method: 'PUT', body: { status: 'SHIPPED' }, as: null })).status).toBe(401);
    expect((await http(`${url}/status`, { method: 'PUT', body: { status: 'DELIVERED' }, admin: true })).status).toBe(
      409,
    );
    expect((await http(`${url}/status`, { method: 'PUT', body: { status: 'SHIPPED' }, admin: true })).body.status).toBe(
      'SHIPPED',
    );
    expect((await http(url, { method: 'DELETE' })).status).toBe(409);
    expect(
      (await http(`${url}/status`, { method: 'PUT', body: { status: 'DELIVERED' }, admin: true })).body.status,
    ).toBe('DELIVERED');
  });

  it('an expired reservation is released by the sweeper', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 4 });
    const orderId = '0190f5d6-0000-7000-8000-00000000e2e1';
    const reserved = await http(`${shop.urls.inventory}/api/inventory/reserve`, {
      admin: true,
      body: { order_id: orderId, items: [{ product_id: product, quantity: 3 }], ttl_seconds: 1 },
    });
    expect(reserved.status).toBe(201);
    expect(await stockOf(shop, product)).toMatchObject({ reserved: 3, available: 1 });
    const until = Date.now() + 15_000;
    while ((await stockOf(shop, product)).reserved !== 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 4, reserved: 0, available: 4 });
  });
  // Last: its provider failures open the payments circuit breaker, as they should.
  it('tok_timeout: the payment is retried, then the saga compensates', async () => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const res = await placeAndWait(shop, orderBody(product, 1, 'tok_timeout'));
    const order = await waitForStatus(shop, res.body.order_id, ['FAILED']);
    expect(order.failure_reason).toMatch(/payment failed: unavailable/);
    const payments = await http(`${shop.urls.payments}/api/payments/${order.order_id}`, { admin: true });
    const paymentId = payments.body.transactions[0].payment_id;
    const attempts = await http(`${shop.urls['payment-provider']}/v1/requests?idempotency_key=${paymentId}`);
    // The first try and the retries reached the provider (the breaker may cut the last ones short).
    expect(attempts.body.data.length).toBeGreaterThan(1);
    expect(await stockOf(shop, product)).toMatchObject({ on_hand: 5, reserved: 0 });
    expect((await chargesFor(shop, order.order_id)).filter((c) => c.status === 'succeeded')).toHaveLength(0);
  });
});
