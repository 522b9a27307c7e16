// Specifications of attribute normalisation: one lower-case spelling per value, order kept, blanks refused.
import { describe, expect, it } from 'vitest';
import { normaliseAttributes, sameAttributes } from './attributes.policy.ts';

describe('given attributes as an admin typed them', () => {
  it('when values differ only in case or surrounding spaces, then each is kept once, lower-cased, in first order', () => {
    expect(normaliseAttributes({ color: ['Blue', 'red', ' BLUE ', 'Red', 'black'], size: ['M', 'L', 'm'] })).toEqual({
      ok: true,
      attributes: { color: ['blue', 'red', 'black'], size: ['m', 'l'] },
    });
  });

  it('when composed and decomposed accents spell one value, then it is kept once', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(normaliseAttributes({ flavour: [composed, decomposed, 'CAF\u00c9'] })).toEqual({
      ok: true,
      attributes: { flavour: [composed] },
    });
  });

  it('when there are none, then the result is empty', () => {
    expect(normaliseAttributes({})).toEqual({ ok: true, attributes: {} });
  });

  it('when a value is only spaces, then it is refused naming its position', () => {
    expect(normaliseAttributes({ color: ['blue', '   '] })).toEqual({
      ok: false,
      errors: [{ field: 'attributes.color.1', message: 'must not be blank' }],
    });
  });

  it('when lower-casing makes a value longer than 60 characters, then it is refused', () => {
    // U+0130 (İ) lower-cases to two code units.
    const outcome = normaliseAttributes({ material: ['\u0130'.repeat(40)] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]?.field).toBe('attributes.material.0');
  });
});

describe('given two attribute sets', () => {
  it('when only the key order differs, then they are the same', () => {
    expect(sameAttributes({ a: ['1'], b: ['2'] }, { b: ['2'], a: ['1'] })).toBe(true);
  });

  it('when a key, a value or the value order differs, then they are not', () => {
    expect(sameAttributes({ a: ['1'] }, { b: ['1'] })).toBe(false);
    expect(sameAttributes({ a: ['1'] }, { a: ['1'], b: ['2'] })).toBe(false);
    expect(sameAttributes({ a: ['1', '2'] }, { a: ['2', '1'] })).toBe(false);
    expect(sameAttributes({ constructor: ['x'] }, { other: ['x'] })).toBe(false);
  });
});
