// Reservation lifecycle over HTTP and the bus, on real servers and on the embedded adapters.
import type { Envelope } from '@techcorp/contracts';
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type Harness, newId, startInventory } from '../testing/inventory-harness.ts';

const of = (type: string, orderId: string) => (e: Envelope) =>
  e.type === type && (e.data as { orderId?: string }).orderId === orderId;

describe.each([
  ['real', false],
  ['embedded', true],
])('inventory reservations (%s adapters)', (_name, embedded) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startInventory({ embedded });
    await h.addWarehouse('east');
  });
  afterAll(async () => h?.close());

  async function stocked(defaultUnits: number, eastUnits: number): Promise<string> {
    const productId = newId();
    if (defaultUnits > 0) await h.restock(productId, defaultUnits);
    if (eastUnits > 0) await h.restock(productId, eastUnits, 'east');
    return productId;
  }
  const reserve = (orderId: string, productId: string, quantity: number, ttl?: number) =>
    h.post('/api/inventory/reserve', {
      order_id: orderId,
      items: [{ product_id: productId, quantity }],
      ...(ttl && { ttl_seconds: ttl }),
    });
  const stockOf = async (productId: string) => (await h.get(`/api/inventory/${productId}`)).json();
  const counterMatches = (productId: string) =>
    waitFor(async () => Number(await h.counter(productId)) === (await stockOf(productId)).available, {
      description: `counter of ${productId} equals the database`,
    });

  it('restock creates rows per warehouse; GET sums them; the counter and stock_changed follow', async () => {
    const p = await stocked(5, 3);
    await h.restock(p, 2, 'east');
    expect(await stockOf(p)).toEqual({
      product_id: p,
      on_hand: 10,
      reserved: 0,
      available: 10,
      warehouses: [
        { warehouse_id: 'default', on_hand: 5, reserved: 0, available: 5 },
        { warehouse_id: 'east', on_hand: 5, reserved: 0, available: 5 },
      ],
    });
    expect(await h.checks.movementKinds(p)).toEqual(['RESTOCK default 5', 'RESTOCK east 3', 'RESTOCK east 2']);
    await waitFor(async () => (await h.counter(p)) === '10', { description: 'counter 10' });
    await h.waitForEvent(
      (e) => e.type === 'inventory.stock_changed' && (e.data as { productId: string; onHand: number }).onHand === 10,
      'stock_changed with 10 on hand',
    );
  });

  it('reserve then confirm moves units from available to sold, with movements and events', async () => {
    const p = await stocked(5, 5);
    const order = newId();
    const reserved = await reserve(order, p, 7);
    expect(reserved.statusCode).toBe(201);
    expect(reserved.json()).toMatchObject({
      order_id: order,
      status: 'RESERVED',
      lines: [
        { product_id: p, warehouse_id: 'default', quantity: 5 },
        { product_id: p, warehouse_id: 'east', quantity: 2 },
      ],
    });
    expect(await stockOf(p)).toMatchObject({ on_hand: 10, reserved: 7, available: 3 });
    await counterMatches(p);

    const confirmed = await h.post('/api/inventory/confirm', { order_id: order });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'CONFIRMED' });
    expect(await stockOf(p)).toMatchObject({ on_hand: 3, reserved: 0, available: 3 });
    expect((await h.checks.movementKinds(p)).slice(2)).toEqual([
      'RESERVE default 5',
      'RESERVE east 2',
      'SALE default 5',
      'SALE east 2',
    ]);

    const again = await h.post('/api/inventory/confirm', { order_id: order });
    expect(again.statusCode).toBe(200);
    expect(await h.checks.movementKinds(p)).toHaveLength(6);
    const event = await h.waitForEvent(of('inventory.reserved', order), 'reserved event');
    expect(event.data).toMatchObject({ reservationId: reserved.json().reservation_id });
    expect(event.correlationId).toBe(reserved.headers['x-correlation-id']);
    await h.waitForEvent(of('inventory.confirmed', order), 'confirmed event');
    await counterMatches(p);
    expect(await h.checks.breaches()).toEqual([]);
  });

  it('release gives reserved units back, restocks sold ones, and a repeat replies the same', async () => {
    const p = await stocked(4, 0);
    const [a, b] = [newId(), newId()];
    expect((await reserve(a, p, 1)).statusCode).toBe(201);
    expect((await reserve(b, p, 2)).statusCode).toBe(201);
    expect((await h.post('/api/inventory/confirm', { order_id: b })).statusCode).toBe(200);

    const releaseA = await h.post('/api/inventory/release', { order_id: a, reason: 'payment failed' });
    expect(releaseA.json()).toEqual({
      order_id: a,
      status: 'RELEASED',
      reason: 'payment failed',
      returned: 'reservation',
    });
    const releaseB = await h.post('/api/inventory/release', { order_id: b, reason: 'cancelled' });
    expect(releaseB.json()).toEqual({ order_id: b, status: 'RELEASED', reason: 'cancelled', returned: 'restock' });
    expect(await stockOf(p)).toMatchObject({ on_hand: 4, reserved: 0, available: 4 });

    const repeat = await h.post('/api/inventory/release', { order_id: a, reason: 'again' });
    expect(repeat.json()).toMatchObject({ reason: 'payment failed', returned: 'reservation' });
    expect((await h.checks.movementKinds(p)).slice(1)).toEqual([
      'RESERVE default 1',
      'RESERVE default 2',
      'SALE default 2',
      'RELEASE default 1',
      'RETURN default 2',
    ]);
    await counterMatches(p);
  });

  it('a release that arrives before the reserve leaves a tombstone, so the late reserve reserves nothing', async () => {
    const p = await stocked(3, 0);
    const order = newId();
    const released = await h.post('/api/inventory/release', { order_id: order });
    expect(released.json()).toMatchObject({ status: 'RELEASED', returned: 'nothing' });
    const late = await reserve(order, p, 1);
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.json()).toMatchObject({ status: 409, detail: 'order released' });
    expect(await stockOf(p)).toMatchObject({ reserved: 0, available: 3 });
  });

  it('a short reserve fails with the shortages, and a repeat replies the same shortages after a restock', async () => {
    const p = await stocked(2, 1);
    const order = newId();
    const short = await reserve(order, p, 4);
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ shortages: [{ product_id: p, requested: 4, available: 3 }] });
    expect(await h.checks.reservation(order)).toMatchObject({ status: 'FAILED' });
    await h.restock(p, 10);
    const repeat = await reserve(order, p, 4);
    expect(repeat.json()).toMatchObject({ shortages: [{ product_id: p, requested: 4, available: 3 }] });
    expect(await stockOf(p)).toMatchObject({ reserved: 0, available: 13 });
  });

  it('the sweeper expires a reservation past its TTL and gives its units back', async () => {
    const p = await stocked(2, 0);
    const order = newId();
    expect((await reserve(order, p, 2, 1)).statusCode).toBe(201);
    expect(await stockOf(p)).toMatchObject({ available: 0 });
    await waitFor(async () => (await h.checks.dueCount()) > 0, {
      intervalMs: 100,
      description: 'TTL elapsed (DB clock)',
    });

    expect(await h.handle.sweepExpired()).toBe(1);
    expect(await h.checks.reservation(order)).toMatchObject({ status: 'EXPIRED' });
    expect(await stockOf(p)).toMatchObject({ on_hand: 2, reserved: 0, available: 2 });
    expect(await h.checks.movementKinds(p)).toEqual(['RESTOCK default 2', 'RESERVE default 2', 'EXPIRE default 2']);
    const released = await h.waitForEvent(of('inventory.released', order), 'released(expired)');
    expect(released.data).toEqual({ orderId: order, reason: 'expired', returned: 'reservation' });

    const confirm = await h.post('/api/inventory/confirm', { order_id: order });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json()).toMatchObject({ detail: 'reservation expired' });
    expect(await h.handle.sweepExpired()).toBe(0);
    await counterMatches(p);
  });

  it('bus commands: reserve, a redelivered command, a repeated reserve, confirm and release', async () => {
    const p = await stocked(3, 3);
    const orderId = newId();
    const items = [{ productId: p, quantity: 4 }];
    const first = await h.send(COMMANDS.reserve, { orderId, items, ttlSeconds: 600 });
    const reserved = await h.waitForEvent(of('inventory.reserved', orderId), 'reserved reply');
    expect(reserved.causationId).toBe(first.id);
    expect(reserved.correlationId).toBe(first.correlationId);
    await counterMatches(p);
    const movementsAfterFirst = await h.checks.movementKinds(p);

    await h.send(COMMANDS.reserve, { orderId }, first);
    const second = await h.send(COMMANDS.reserve, { orderId, items, ttlSeconds: 600 });
    const repeated = await h.waitForEvent((e) => e.causationId === second.id, 'reply to the repeated reserve');
    expect(repeated.type).toBe('inventory.reserved');
    expect(repeated.data).toEqual(reserved.data);
    expect(h.events.filter((e) => e.causationId === first.id && e.type === 'inventory.reserved')).toHaveLength(1);
    expect(await h.checks.movementKinds(p)).toEqual(movementsAfterFirst);

    await h.send(COMMANDS.confirm, { orderId });
    await h.waitForEvent(of('inventory.confirmed', orderId), 'confirmed reply');
    expect(await stockOf(p)).toMatchObject({ on_hand: 2, reserved: 0 });
    await h.send(COMMANDS.release, { orderId, reason: 'cancelled before shipping' });
    const released = await h.waitForEvent(of('inventory.released', orderId), 'released reply');
    expect(released.data).toMatchObject({ returned: 'restock' });
    expect(await stockOf(p)).toMatchObject({ on_hand: 6, reserved: 0, available: 6 });
    await counterMatches(p);
    expect(await h.checks.breaches()).toEqual([]);
  });

  it('confirm of an unknown order is 404 and tells orders over the bus', async () => {
    const order = newId();
    const res = await h.post('/api/inventory/confirm', { order_id: order });
    expect(res.statusCode).toBe(404);
    const failed = await h.waitForEvent(of('inventory.confirmation_failed', order), 'confirmation_failed');
    expect(failed.data).toEqual({ orderId: order, reason: 'no reservation for order' });
  });
});
