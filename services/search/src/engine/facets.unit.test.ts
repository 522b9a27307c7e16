// Facet assembly and suggestion merging: counted rows to the response shape, kinds sharing the list.
import { describe, expect, it } from 'vitest';
import { assembleFacets, PRICE_BOUNDS } from './facets.ts';
import { mergeSuggestions } from './suggestions.ts';

describe('facets', () => {
  it('group rows by facet, attribute name and price range, with every range listed', () => {
    const facets = assembleFacets([
      { facet: 'category', name: '', value: 'jeans', count: 3 },
      { facet: 'attribute', name: 'color', value: 'blue', count: 2 },
      { facet: 'attribute', name: 'color', value: 'red', count: 1 },
      { facet: 'attribute', name: 'size', value: 'm', count: 1 },
      { facet: 'in_stock', name: '', value: 'true', count: 4 },
      { facet: 'price', name: '', value: '0', count: 1 },
      { facet: 'price', name: '', value: String(PRICE_BOUNDS.length), count: 2 },
    ]);
    expect(facets.category).toEqual([{ value: 'jeans', count: 3 }]);
    expect(facets.brand).toEqual([]);
    expect(facets.attributes).toEqual({
      color: [
        { value: 'blue', count: 2 },
        { value: 'red', count: 1 },
      ],
      size: [{ value: 'm', count: 1 }],
    });
    expect(facets.in_stock).toEqual({ true: 4, false: 0 });
    expect(facets.price).toHaveLength(PRICE_BOUNDS.length + 1);
    expect(facets.price[0]).toEqual({ from: 0, to: PRICE_BOUNDS[0], count: 1 });
    expect(facets.price.at(-1)).toEqual({ from: PRICE_BOUNDS.at(-1), to: null, count: 2 });
  });
});

describe('suggestions', () => {
  const sources = {
    terms: ['tshirt', 'tshirts', 'tshort', 'tsh'],
    categories: ['t-shirts'],
    brands: [],
    products: [
      { id: 'p1', title: 'Basic T-Shirt' },
      { id: 'p2', title: 'V-Neck T-Shirt' },
      { id: 'p1', title: 'Basic T-Shirt' },
    ],
  };

  it('give each kind a share first, then fill from what is left, without duplicates', () => {
    expect(mergeSuggestions(sources, 6)).toEqual([
      { text: 'tshirt', kind: 'term' },
      { text: 'tshirts', kind: 'term' },
      { text: 't-shirts', kind: 'category' },
      { text: 'Basic T-Shirt', kind: 'product', id: 'p1' },
      { text: 'V-Neck T-Shirt', kind: 'product', id: 'p2' },
      { text: 'tshort', kind: 'term' },
    ]);
  });

  it('never exceed the limit', () => {
    expect(mergeSuggestions(sources, 2)).toHaveLength(2);
  });
});
