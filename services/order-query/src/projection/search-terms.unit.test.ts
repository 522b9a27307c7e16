// Specifications of search tokenisation: stored lexemes and typed queries split the same way.
import { describe, expect, it } from 'vitest';
import { orderSearchTerms, prefixQuery, tokenize } from './search-terms.ts';

describe('tokenize', () => {
  it('splits on anything but letters and digits, lower-cases, drops accents and de-duplicates', () => {
    expect(tokenize('TC-2025-000123')).toEqual(['tc', '2025', '000123']);
    expect(tokenize('Tênis  Corrida, tenis!')).toEqual(['tenis', 'corrida']);
    expect(tokenize(' -- ')).toEqual([]);
  });
});

describe('orderSearchTerms', () => {
  it('indexes the order number, the customer id and every product name', () => {
    const terms = orderSearchTerms({
      orderNumber: 'TC-2025-000007',
      customerId: 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff',
      productNames: ['Trail shoe', 'Wool socks'],
    });
    expect(terms).toEqual([
      'tc',
      '2025',
      '000007',
      'a1b2c3d4',
      'e5f6',
      '4711',
      '8899',
      'aabbccddeeff',
      'trail',
      'shoe',
      'wool',
      'socks',
    ]);
  });
});

describe('prefixQuery', () => {
  it('requires every typed word as a prefix, so an exact or cut-short order number matches', () => {
    expect(prefixQuery('TC-2025-000123')).toBe("'tc':* & '2025':* & '000123':*");
    expect(prefixQuery('tc-2025-0001')).toBe("'tc':* & '2025':* & '0001':*");
  });

  it('cannot be broken out of: quotes and operators are not part of any word', () => {
    expect(prefixQuery("shoe' | 'x & !y")).toBe("'shoe':* & 'x':* & 'y':*");
  });

  it('is null when nothing searchable was typed, and keeps at most 10 words', () => {
    expect(prefixQuery('!!! ---')).toBeNull();
    expect(prefixQuery('a b c d e f g h i j k l')?.split('&')).toHaveLength(10);
  });
});
