// hashRequest: a canonical hash, blind to object key order and sensitive to everything else.
import { describe, expect, it } from 'vitest';
import { hashRequest } from './idempotency.sql.ts';

describe('hashRequest', () => {
  it('ignores object key order at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'z' } };
    const b = { a: { x: 'z', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(hashRequest(a)).toBe(hashRequest(b));
    expect(hashRequest(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, array order or type', () => {
    const base = hashRequest({ items: [1, 2], note: 'x' });
    expect(hashRequest({ items: [2, 1], note: 'x' })).not.toBe(base);
    expect(hashRequest({ items: [1, 2], note: 'y' })).not.toBe(base);
    expect(hashRequest({ items: ['1', 2], note: 'x' })).not.toBe(base);
    expect(hashRequest({ items: [1, 2] })).not.toBe(base);
    expect(hashRequest(null)).not.toBe(hashRequest(undefined));
  });
});
