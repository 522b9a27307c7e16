// Specifications of allocation across warehouses and of applying stock movements under the invariant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, applyChanges, availableOf, productTotals, type StockRow, StockRuleError } from './stock.policy.ts';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const row = (productId: string, warehouseId: string, onHand: number, reserved = 0): StockRow => ({
  productId,
  warehouseId,
  onHand,
  reserved,
});

describe('allocate, given stock in two warehouses', () => {
  const stock = [row(P1, 'east', 5, 1), row(P1, 'west', 6, 0), row(P2, 'east', 2)];

  it('takes from the warehouse with most available first', () => {
    expect(allocate([{ productId: P1, quantity: 3 }], stock)).toEqual({
      kind: 'allocated',
      lines: [{ productId: P1, warehouseId: 'west', quantity: 3 }],
    });
  });

  it('splits a line across warehouses when one is not enough', () => {
    expect(allocate([{ productId: P1, quantity: 9 }], stock)).toEqual({
      kind: 'allocated',
      lines: [
        { productId: P1, warehouseId: 'west', quantity: 6 },
        { productId: P1, warehouseId: 'east', quantity: 3 },
      ],
    });
  });

  it('breaks ties by warehouse id', () => {
    const tied = [row(P1, 'b', 4), row(P1, 'a', 4)];
    expect(allocate([{ productId: P1, quantity: 1 }], tied)).toEqual({
      kind: 'allocated',
      lines: [{ productId: P1, warehouseId: 'a', quantity: 1 }],
    });
  });

  it('merges repeated items of one product before allocating', () => {
    const result = allocate(
      [
        { productId: P2, quantity: 1 },
        { productId: P2, quantity: 1 },
      ],
      stock,
    );
    expect(result).toEqual({ kind: 'allocated', lines: [{ productId: P2, warehouseId: 'east', quantity: 2 }] });
  });

  it('is all-or-nothing and reports every short product', () => {
    const unknown = '00000000-0000-4000-8000-000000000009';
    const result = allocate(
      [
        { productId: P1, quantity: 11 },
        { productId: P2, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
      stock,
    );
    expect(result).toEqual({
      kind: 'short',
      shortages: [
        { productId: P1, requested: 11, available: 10 },
        { productId: unknown, requested: 1, available: 0 },
      ],
    });
  });

  it('never allocates more than is available in any warehouse (property)', () => {
    const rowArb = fc.record({
      warehouseId: fc.constantFrom('a', 'b', 'c'),
      onHand: fc.integer({ min: 0, max: 50 }),
      reservedShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => r.warehouseId }),
        fc.integer({ min: 1, max: 120 }),
        (rs, q) => {
          const rows = rs.map((r) => row(P1, r.warehouseId, r.onHand, Math.floor((r.onHand * r.reservedShare) / 100)));
          const result = allocate([{ productId: P1, quantity: q }], rows);
          const total = rows.reduce((s, r) => s + availableOf(r), 0);
          if (result.kind === 'short') return total < q;
          const sum = result.lines.reduce((s, l) => s + l.quantity, 0);
          const fits = result.lines.every(
            (l) => l.quantity <= availableOf(rows.find((r) => r.warehouseId === l.warehouseId)!),
          );
          return (
            sum === q &&
            fits &&
            applyChanges(
              rows,
              result.lines.map((l) => ({ ...l, kind: 'RESERVE' })),
            ) !== null
          );
        },
      ),
    );
  });
});

describe('applyChanges, given a row with 10 on hand and 4 reserved', () => {
  const stock = [row(P1, 'main', 10, 4)];
  const apply = (kind: Parameters<typeof applyChanges>[1][number]['kind'], quantity: number) =>
    applyChanges(stock, [{ productId: P1, warehouseId: 'main', kind, quantity }]);

  it.each([
    ['RESERVE', 6, 10, 10],
    ['RELEASE', 4, 10, 0],
    ['EXPIRE', 1, 10, 3],
    ['SALE', 4, 6, 0],
    ['RESTOCK', 5, 15, 4],
    ['RETURN', 2, 12, 4],
    ['ADJUST', -6, 4, 4],
  ] as const)('%s %i gives on hand %i and reserved %i, with a movement', (kind, q, onHand, reserved) => {
    const result = apply(kind, q);
    expect(result.rows).toEqual([row(P1, 'main', onHand, reserved)]);
    expect(result.movements).toEqual([
      { productId: P1, warehouseId: 'main', kind, quantity: q, onHandAfter: onHand, reservedAfter: reserved },
    ]);
  });

  it.each([
    ['RESERVE', 7, 'oversell'],
    ['RELEASE', 5, 'release more than reserved'],
    ['SALE', 5, 'sell more than reserved'],
    ['ADJUST', -7, 'adjust below reserved'],
    ['RESTOCK', 0, 'restock nothing'],
    ['RESTOCK', -1, 'restock a negative amount'],
    ['RESTOCK', 1.5, 'restock a fraction'],
    ['RESTOCK', 1_000_000_000, 'exceed the on-hand ceiling'],
  ] as const)('refuses %s %d (%s)', (kind, q, _why) => {
    expect(() => apply(kind, q)).toThrow(StockRuleError);
  });

  it('does not mutate the given rows', () => {
    apply('SALE', 4);
    expect(stock).toEqual([row(P1, 'main', 10, 4)]);
  });

  it('refuses a change to a row it was not given', () => {
    expect(() => applyChanges(stock, [{ productId: P2, warehouseId: 'main', kind: 'RESTOCK', quantity: 1 }])).toThrow(
      /no stock row/,
    );
  });

  it('applies several changes to one row in order', () => {
    const result = applyChanges(stock, [
      { productId: P1, warehouseId: 'main', kind: 'RESERVE', quantity: 2 },
      { productId: P1, warehouseId: 'main', kind: 'SALE', quantity: 6 },
    ]);
    expect(result.rows).toEqual([row(P1, 'main', 4, 0)]);
    expect(result.movements.map((m) => [m.onHandAfter, m.reservedAfter])).toEqual([
      [10, 6],
      [4, 0],
    ]);
  });
});

describe('productTotals, given rows of two products', () => {
  it('sums on hand and reserved per product across warehouses', () => {
    expect(productTotals([row(P1, 'a', 5, 1), row(P1, 'b', 3, 3), row(P2, 'a', 2)])).toEqual([
      { productId: P1, onHand: 8, reserved: 4, available: 4 },
      { productId: P2, onHand: 2, reserved: 0, available: 2 },
    ]);
  });
});
