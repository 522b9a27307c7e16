// Specification of the HTTP helpers: If-Match matching and the trimming of request strings.
import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchSatisfied } from './etag.ts';
import { trimStrings } from './trim.ts';

describe('If-Match', () => {
  const current = etagOf(3, 1);

  it('is satisfied when absent, by *, and by the current tag among others', () => {
    expect(current).toBe('"3.1"');
    expect(ifMatchSatisfied(undefined, current)).toBe(true);
    expect(ifMatchSatisfied('*', current)).toBe(true);
    expect(ifMatchSatisfied('"2.1", "3.1"', current)).toBe(true);
  });

  it('is not satisfied by another version, a weak tag or garbage', () => {
    expect(ifMatchSatisfied('"2.1"', current)).toBe(false);
    expect(ifMatchSatisfied('W/"3.1"', current)).toBe(false);
    expect(ifMatchSatisfied('3.1', current)).toBe(false);
    expect(ifMatchSatisfied('', current)).toBe(false);
  });
});

describe('trimming', () => {
  it('trims strings at any depth the schemas use and leaves other values', () => {
    expect(
      trimStrings({ name: '  Ana ', n: 1, ok: true, none: null, nested: { a: { b: ' x ' } }, list: [' y '] }),
    ).toEqual({ name: 'Ana', n: 1, ok: true, none: null, nested: { a: { b: 'x' } }, list: ['y'] });
  });

  it('keeps a key named __proto__ as a key (for the schema to refuse), not as a prototype', () => {
    const trimmed = trimStrings(JSON.parse('{"__proto__": {"admin": true}, "name": " a "}')) as Record<string, unknown>;
    expect(Object.keys(trimmed)).toEqual(['__proto__', 'name']);
    expect((trimmed as { admin?: boolean }).admin).toBeUndefined();
  });

  it('stops at a bounded depth instead of recursing through hostile nesting', () => {
    let deep: unknown = ' leaf ';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => trimStrings({ a: deep })).not.toThrow();
  });
});
