// Specifications of the stock rule: in_stock follows available > 0; unknown products and late events change nothing.
import { describe, expect, it } from 'vitest';
import { decideStock } from './stock.policy.ts';

describe('given a product out of stock', () => {
  const current = { inStock: false, stale: false };
  it('when units become available, then it flips', () => expect(decideStock(current, 3)).toBe('flipped'));
  it('when still none are available, then nothing changes', () => {
    expect(decideStock(current, 0)).toBe('unchanged');
    expect(decideStock(current, -1)).toBe('unchanged');
  });
});

describe('given a product in stock', () => {
  const current = { inStock: true, stale: false };
  it('when the last unit goes, then it flips', () => expect(decideStock(current, 0)).toBe('flipped'));
  it('when some units remain, then nothing changes', () => expect(decideStock(current, 7)).toBe('unchanged'));
});

describe('given an event older than the last one applied', () => {
  it('then it is stale whatever it says', () => {
    expect(decideStock({ inStock: true, stale: true }, 0)).toBe('stale');
    expect(decideStock({ inStock: false, stale: true }, 5)).toBe('stale');
  });
});

describe('given a product the catalog does not know', () => {
  it('then the event is ignored', () => expect(decideStock(null, 5)).toBe('unknown'));
});
