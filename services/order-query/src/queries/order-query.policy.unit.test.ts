// Specifications of the query rules: cursors, cross-field checks, the analytics window and saga outcomes.
import { describe, expect, it } from 'vitest';
import {
  analyticsWindow,
  decodeCursor,
  encodeCursor,
  paginate,
  parseStatuses,
  rangeErrors,
  readYourWritesErrors,
  sagaOutcomes,
} from './order-query.policy.ts';

const ID = '0195b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b';

describe('the keyset cursor', () => {
  it('round-trips for the sort and direction it was issued for', () => {
    const byDate = {
      sort: 'created_at',
      direction: 'desc',
      value: '2025-03-01T12:00:00.123456Z',
      orderId: ID,
    } as const;
    expect(decodeCursor(encodeCursor(byDate), 'created_at', 'desc')).toEqual(byDate);
    const byTotal = { sort: 'total', direction: 'asc', value: '45990', orderId: ID } as const;
    expect(decodeCursor(encodeCursor(byTotal), 'total', 'asc')).toEqual(byTotal);
  });

  it('is opaque base64url', () => {
    expect(encodeCursor({ sort: 'total', direction: 'asc', value: '1', orderId: ID })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('is refused for another sort or direction, or when forged', () => {
    const cursor = encodeCursor({ sort: 'total', direction: 'asc', value: '1', orderId: ID });
    expect(decodeCursor(cursor, 'total', 'desc')).toBeNull();
    expect(decodeCursor(cursor, 'created_at', 'asc')).toBeNull();
    const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    expect(decodeCursor(forge([1, 'total', 'asc', '1; DROP TABLE x', ID]), 'total', 'asc')).toBeNull();
    expect(decodeCursor(forge([1, 'total', 'asc', '1', 'not-a-uuid']), 'total', 'asc')).toBeNull();
    expect(decodeCursor(forge([1, 'created_at', 'asc', '2025-03-01', ID]), 'created_at', 'asc')).toBeNull();
    expect(decodeCursor(forge([2, 'total', 'asc', '1', ID]), 'total', 'asc')).toBeNull();
    expect(decodeCursor('garbage!', 'total', 'asc')).toBeNull();
  });
});

describe('paginate', () => {
  const rows = [1, 2, 3].map((n) => ({ n, id: ID }));
  const cursorOf = (r: { n: number; id: string }) => ({ value: String(r.n), orderId: r.id });

  it('gives a next cursor at the last row of the page when an extra row was fetched', () => {
    const page = paginate(rows, 2, cursorOf, 'total', 'asc');
    expect(page.items.map((r) => r.n)).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, 'total', 'asc')?.value).toBe('2');
  });

  it('gives no cursor on the last page', () => {
    expect(paginate(rows, 3, cursorOf, 'total', 'asc').nextCursor).toBeNull();
  });
});

describe('filters', () => {
  it('accepts statuses comma-separated and repeated, without repeats', () => {
    expect(parseStatuses(['CONFIRMED,SHIPPED', 'SHIPPED', 'FAILED'])).toEqual(['CONFIRMED', 'SHIPPED', 'FAILED']);
    expect(parseStatuses(undefined)).toBeUndefined();
  });

  it('names the field of an inverted range', () => {
    expect(rangeErrors({ createdFrom: '2025-03-02T00:00:00Z', createdTo: '2025-03-01T00:00:00Z' })).toEqual([
      { field: 'created_to', message: expect.any(String) },
    ]);
    expect(rangeErrors({ minTotal: 10, maxTotal: 9 })).toEqual([{ field: 'max_total', message: expect.any(String) }]);
    expect(rangeErrors({ minTotal: 10, maxTotal: 10 })).toEqual([]);
  });

  it('wants for_order and min_version together', () => {
    expect(readYourWritesErrors(ID, undefined)[0]?.field).toBe('min_version');
    expect(readYourWritesErrors(undefined, 3)[0]?.field).toBe('for_order');
    expect(readYourWritesErrors(ID, 3)).toEqual([]);
    expect(readYourWritesErrors(undefined, undefined)).toEqual([]);
  });
});

describe('the analytics window', () => {
  const now = new Date('2025-03-31T00:00:00.000Z');

  it('defaults to the last 30 days', () => {
    expect(analyticsWindow(undefined, undefined, now)).toEqual({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-31T00:00:00.000Z',
    });
  });

  it('refuses an inverted or over-long window, naming the field', () => {
    expect(analyticsWindow('2025-03-02T00:00:00Z', '2025-03-01T00:00:00Z', now)).toMatchObject({ field: 'to' });
    expect(analyticsWindow('2023-01-01T00:00:00Z', '2025-01-01T00:00:00Z', now)).toMatchObject({ field: 'from' });
  });
});

describe('saga outcomes', () => {
  it('count CONFIRMED, SHIPPED and DELIVERED as completed, PENDING as in progress', () => {
    const counts = [
      { status: 'CONFIRMED', orders: 3 },
      { status: 'SHIPPED', orders: 2 },
      { status: 'DELIVERED', orders: 1 },
      { status: 'FAILED', orders: 4 },
      { status: 'CANCELLED', orders: 5 },
      { status: 'PENDING', orders: 6 },
    ] as const;
    expect(sagaOutcomes(counts)).toEqual({ completed: 6, failed: 4, cancelled: 5, in_progress: 6 });
  });
});
