// Given/when/then specifications of the reservation lifecycle, one describe per starting state.
import { describe, expect, it } from 'vitest';
import type { StockRow } from '../stock/stock.policy.ts';
import {
  type Decision,
  decideConfirm,
  decideExpire,
  decideRelease,
  decideReserve,
  type Reservation,
  type ReserveCommand,
} from './reservation.decider.ts';

const ORDER = '0190aaaa-0000-7000-8000-000000000001';
const RES = '0190bbbb-0000-7000-8000-000000000001';
const P1 = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2030-01-01T10:00:00.000Z');
const LATER = new Date('2030-01-01T10:20:00.000Z');
const stock: StockRow[] = [
  { productId: P1, warehouseId: 'a', onHand: 3, reserved: 0 },
  { productId: P1, warehouseId: 'b', onHand: 2, reserved: 0 },
];
const reserve = (quantity: number, extra: Partial<ReserveCommand> = {}): ReserveCommand => ({
  orderId: ORDER,
  items: [{ productId: P1, quantity }],
  ttlSeconds: 900,
  reservationId: RES,
  now: NOW,
  ...extra,
});
const lines = [
  { productId: P1, warehouseId: 'a', quantity: 3 },
  { productId: P1, warehouseId: 'b', quantity: 1 },
];
const reserved: Reservation = {
  id: RES,
  orderId: ORDER,
  status: 'RESERVED',
  expiresAt: new Date('2030-01-01T10:15:00.000Z'),
  lines,
  failure: null,
  release: null,
};
const inState = (status: Reservation['status'], extra: Partial<Reservation> = {}): Reservation => ({
  ...reserved,
  status,
  ...extra,
});
const kinds = (d: Decision) => d.changes.map((c) => `${c.kind} ${c.warehouseId} ${c.quantity}`);

describe('no reservation', () => {
  it('when reserve with enough stock, then RESERVED with allocated lines, RESERVE changes and reserved reply', () => {
    const d = decideReserve(null, reserve(4), stock);
    expect(d.next).toEqual(reserved);
    expect(kinds(d)).toEqual(['RESERVE a 3', 'RESERVE b 1']);
    expect(d.reply).toEqual({
      type: 'inventory.reserved',
      data: { orderId: ORDER, reservationId: RES, lines, expiresAt: '2030-01-01T10:15:00.000Z' },
    });
  });

  it('when reserve beyond stock, then a FAILED record with the shortages and no stock change', () => {
    const d = decideReserve(null, reserve(6), stock);
    const shortages = [{ productId: P1, requested: 6, available: 5 }];
    expect(d.next).toMatchObject({ status: 'FAILED', lines: [], failure: { reason: 'insufficient stock', shortages } });
    expect(d.changes).toEqual([]);
    expect(d.reply).toEqual({
      type: 'inventory.reservation_failed',
      data: { orderId: ORDER, reason: 'insufficient stock', shortages },
    });
  });

  it('when confirm, then confirmation_failed and nothing written', () => {
    const d = decideConfirm(null, { orderId: ORDER, now: NOW });
    expect(d).toEqual({
      next: null,
      changes: [],
      events: [],
      reply: { type: 'inventory.confirmation_failed', data: { orderId: ORDER, reason: 'no reservation for order' } },
    });
  });

  it('when release, then a RELEASED tombstone and released with nothing returned', () => {
    const d = decideRelease(null, { orderId: ORDER, reason: 'cancelled', tombstoneId: RES });
    expect(d.next).toMatchObject({ id: RES, status: 'RELEASED', lines: [], release: { returned: 'nothing' } });
    expect(d.reply).toEqual({
      type: 'inventory.released',
      data: { orderId: ORDER, reason: 'cancelled', returned: 'nothing' },
    });
  });
});

describe('RESERVED', () => {
  it('when reserve again, then the same reserved reply and nothing changes', () => {
    const d = decideReserve(reserved, reserve(1, { reservationId: 'other', now: NOW }), stock);
    expect(d.next).toBeNull();
    expect(d.changes).toEqual([]);
    expect(d.reply).toEqual(decideReserve(null, reserve(4), stock).reply);
  });

  it('when confirm before expiry, then CONFIRMED with SALE changes', () => {
    const d = decideConfirm(reserved, { orderId: ORDER, now: NOW });
    expect(d.next?.status).toBe('CONFIRMED');
    expect(kinds(d)).toEqual(['SALE a 3', 'SALE b 1']);
    expect(d.reply).toEqual({ type: 'inventory.confirmed', data: { orderId: ORDER, reservationId: RES } });
  });

  it('when confirm after expiry, then it expires now and the confirmation fails', () => {
    const d = decideConfirm(reserved, { orderId: ORDER, now: LATER });
    expect(d.next?.status).toBe('EXPIRED');
    expect(kinds(d)).toEqual(['EXPIRE a 3', 'EXPIRE b 1']);
    expect(d.reply.type).toBe('inventory.confirmation_failed');
    expect(d.events).toEqual([
      { type: 'inventory.released', data: { orderId: ORDER, reason: 'expired', returned: 'reservation' } },
    ]);
  });

  it('when reserve again after expiry, then it expires and the reserve fails', () => {
    const d = decideReserve(reserved, reserve(1, { now: LATER }), stock);
    expect(d.next?.status).toBe('EXPIRED');
    expect(d.reply).toMatchObject({ type: 'inventory.reservation_failed', data: { reason: 'reservation expired' } });
  });

  it('when release, then RELEASED with RELEASE changes and the reservation returned', () => {
    const d = decideRelease(reserved, { orderId: ORDER, reason: 'payment failed', tombstoneId: 'x' });
    expect(d.next).toMatchObject({
      status: 'RELEASED',
      release: { reason: 'payment failed', returned: 'reservation' },
    });
    expect(kinds(d)).toEqual(['RELEASE a 3', 'RELEASE b 1']);
    expect(d.reply.data).toEqual({ orderId: ORDER, reason: 'payment failed', returned: 'reservation' });
  });

  it('when the sweeper runs after expiry, then EXPIRED with EXPIRE changes and released(expired)', () => {
    const d = decideExpire(reserved, LATER);
    expect(d?.next?.status).toBe('EXPIRED');
    expect(kinds(d!)).toEqual(['EXPIRE a 3', 'EXPIRE b 1']);
    expect(d?.reply.data).toEqual({ orderId: ORDER, reason: 'expired', returned: 'reservation' });
  });

  it('when the sweeper runs before expiry, then nothing', () => {
    expect(decideExpire(reserved, NOW)).toBeNull();
  });
});

describe('CONFIRMED', () => {
  const confirmed = inState('CONFIRMED');

  it('when confirm again, then the same confirmed reply and nothing changes', () => {
    const d = decideConfirm(confirmed, { orderId: ORDER, now: LATER });
    expect(d.next).toBeNull();
    expect(d.changes).toEqual([]);
    expect(d.reply.type).toBe('inventory.confirmed');
  });

  it('when release, then RELEASED with the sold units restocked', () => {
    const d = decideRelease(confirmed, { orderId: ORDER, reason: 'cancelled', tombstoneId: 'x' });
    expect(d.next?.status).toBe('RELEASED');
    expect(kinds(d)).toEqual(['RETURN a 3', 'RETURN b 1']);
    expect(d.reply.data).toMatchObject({ returned: 'restock' });
  });

  it('when the sweeper runs, then nothing (a sale does not expire)', () => {
    expect(decideExpire(confirmed, LATER)).toBeNull();
  });
});

describe('RELEASED', () => {
  const releasedState = inState('RELEASED', { release: { reason: 'cancelled', returned: 'reservation' } });

  it('when release again, then the first reply again and nothing changes', () => {
    const d = decideRelease(releasedState, { orderId: ORDER, reason: 'again', tombstoneId: 'x' });
    expect(d.next).toBeNull();
    expect(d.changes).toEqual([]);
    expect(d.reply.data).toEqual({ orderId: ORDER, reason: 'cancelled', returned: 'reservation' });
  });

  it('when reserve (a cancel arrived first), then reservation_failed order released', () => {
    const d = decideReserve(releasedState, reserve(1), stock);
    expect(d.changes).toEqual([]);
    expect(d.reply).toEqual({
      type: 'inventory.reservation_failed',
      data: { orderId: ORDER, reason: 'order released', shortages: [] },
    });
  });

  it('when confirm, then confirmation_failed reservation released', () => {
    expect(decideConfirm(releasedState, { orderId: ORDER, now: NOW }).reply.data).toEqual({
      orderId: ORDER,
      reason: 'reservation released',
    });
  });
});

describe('EXPIRED', () => {
  const expired = inState('EXPIRED', { release: { reason: 'expired', returned: 'reservation' } });

  it('when confirm, then confirmation_failed reservation expired', () => {
    expect(decideConfirm(expired, { orderId: ORDER, now: LATER }).reply.data).toMatchObject({
      reason: 'reservation expired',
    });
  });

  it('when release, then released with nothing returned (the units went back on expiry)', () => {
    const d = decideRelease(expired, { orderId: ORDER, reason: 'cancelled', tombstoneId: 'x' });
    expect(d.next).toBeNull();
    expect(d.reply.data).toEqual({ orderId: ORDER, reason: 'cancelled', returned: 'nothing' });
  });
});

describe('FAILED', () => {
  const shortages = [{ productId: P1, requested: 9, available: 5 }];
  const failed = inState('FAILED', {
    lines: [],
    expiresAt: null,
    failure: { reason: 'insufficient stock', shortages },
  });

  it('when reserve again, then the same shortages even if stock arrived since', () => {
    const plenty = [{ productId: P1, warehouseId: 'a', onHand: 100, reserved: 0 }];
    const d = decideReserve(failed, reserve(9), plenty);
    expect(d.next).toBeNull();
    expect(d.reply).toEqual({
      type: 'inventory.reservation_failed',
      data: { orderId: ORDER, reason: 'insufficient stock', shortages },
    });
  });

  it('when release, then released with nothing returned', () => {
    const d = decideRelease(failed, { orderId: ORDER, reason: 'compensate', tombstoneId: 'x' });
    expect(d.changes).toEqual([]);
    expect(d.reply.data).toMatchObject({ returned: 'nothing' });
  });

  it('when confirm, then confirmation_failed naming the failure', () => {
    expect(decideConfirm(failed, { orderId: ORDER, now: NOW }).reply.data).toMatchObject({
      reason: 'reservation failed: insufficient stock',
    });
  });
});
