// Specifications of the projection decision: the highest aggregate version wins, whatever the arrival order.
import { describe, expect, it } from 'vitest';
import { advance, line, newOrder } from '../testing/order-fixtures.ts';
import { decideProjection, readModelEntry } from './projection.decider.ts';

describe('given the order is not projected yet', () => {
  it('inserts whatever version arrives first, even a later one (a gap)', () => {
    expect(decideProjection(null, 1)).toEqual({ kind: 'insert' });
    expect(decideProjection(null, 4)).toEqual({ kind: 'insert' });
  });
});

describe('given the order is projected at version 4', () => {
  it('applies a newer version', () => {
    expect(decideProjection(4, 5)).toEqual({ kind: 'update', from: 4 });
    expect(decideProjection(4, 9)).toEqual({ kind: 'update', from: 4 });
  });

  it('skips the same version as a duplicate (a redelivery, or a replay with a new message id)', () => {
    expect(decideProjection(4, 4)).toEqual({ kind: 'skip', reason: 'duplicate', stored: 4 });
  });

  it('skips an older version that arrives late', () => {
    expect(decideProjection(4, 1)).toEqual({ kind: 'skip', reason: 'stale', stored: 4 });
  });
});

describe('folding any arrival order', () => {
  it('ends at the highest version for every permutation of v1, v2, v4', () => {
    const permutations = [
      [1, 2, 4],
      [1, 4, 2],
      [2, 1, 4],
      [2, 4, 1],
      [4, 1, 2],
      [4, 2, 1],
    ];
    for (const arrivals of permutations) {
      let stored: number | null = null;
      for (const version of [...arrivals, ...arrivals]) {
        const decision = decideProjection(stored, version);
        if (decision.kind !== 'skip') stored = version;
      }
      expect(stored, arrivals.join(',')).toBe(4);
    }
  });
});

describe('the row a snapshot becomes', () => {
  it('carries money in minor units with its currency, the version, and search terms from number, customer and products', () => {
    const order = advance(
      newOrder({
        orderNumber: 'TC-2025-000123',
        customerId: 'customer-42',
        lines: [line({ title: 'Café Especial', quantity: 2, unitPrice: 3_450 })],
        currency: 'EUR',
      }),
      3,
      { status: 'FAILED', failureReason: 'payment failed: declined' },
    );
    const { order: row, items } = readModelEntry(order);
    expect(row).toMatchObject({
      orderNumber: 'TC-2025-000123',
      status: 'FAILED',
      failureReason: 'payment failed: declined',
      totalAmount: 6_900,
      currency: 'EUR',
      version: 3,
    });
    expect(row.searchTerms).toEqual(['tc', '2025', '000123', 'customer', '42', 'cafe', 'especial']);
    expect(items).toEqual([
      expect.objectContaining({ productName: 'Café Especial', quantity: 2, price: 3_450, lineTotal: 6_900 }),
    ]);
  });
});
