// Query parameters to a normalised search request: equal searches written differently become equal requests.
import { AppError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { toSearchRequest, toSuggestRequest } from './search.params.ts';

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('a search request', () => {
  it('has defaults: browse, relevance, page 1 of 20', () => {
    expect(toSearchRequest({})).toEqual({
      q: null,
      filters: { categories: [], brands: [], inStock: null, priceMin: null, priceMax: null, attributes: {} },
      sort: 'relevance',
      page: 1,
      limit: 20,
    });
  });

  it('folds the text, splits comma lists, and sorts and deduplicates values', () => {
    const a = toSearchRequest({
      q: '  Blue   T-Shirt! ',
      category: ['shoes,jeans', 'jeans'],
      'attr.color': ['red', 'blue,red'],
      'attr.size': ['m'],
    });
    const b = toSearchRequest({
      'attr.size': ['m'],
      'attr.color': ['blue', 'red'],
      category: ['jeans', 'shoes'],
      q: 'blue t-shirt',
    });
    expect(a).toEqual(b);
    expect(a.q).toBe('blue t-shirt');
    expect(a.filters.categories).toEqual(['jeans', 'shoes']);
    expect(Object.keys(a.filters.attributes)).toEqual(['color', 'size']);
  });

  it('reads an empty q as browsing, and a q without letters or digits as a mistake', () => {
    expect(toSearchRequest({ q: '   ' }).q).toBeNull();
    expect(fieldsOf(() => toSearchRequest({ q: '%%%' }))).toEqual(['q']);
  });

  it('names every bad parameter', () => {
    const fields = fieldsOf(() =>
      toSearchRequest({
        brand: ['a,,b'],
        category: Array.from({ length: 21 }, (_, i) => `c${i}`),
        'attr.color': [''],
        price_min: 500,
        price_max: 100,
      }),
    );
    expect(fields).toEqual(['category', 'brand', 'attr.color', 'price_max']);
  });

  it('accepts at most 10 attribute filters', () => {
    const many = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`attr.a${String(i).padStart(2, '0')}`, ['x']]),
    );
    expect(fieldsOf(() => toSearchRequest(many))).toEqual(['attr.a10']);
  });
});

describe('a suggest request', () => {
  it('folds the text and defaults to 10 suggestions', () => {
    expect(toSuggestRequest({ q: 'CRÈM' })).toEqual({ q: 'crem', limit: 10 });
  });

  it('needs a letter or digit', () => {
    expect(fieldsOf(() => toSuggestRequest({ q: '??' }))).toEqual(['q']);
  });
});
