// Filters, disjunctive facets, sorting and pagination on the fixed store catalog (real servers and PGlite),
// checked against a plain in-memory model of the same catalog.
import type { ProductSnapshot } from '@techcorp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICE_BOUNDS } from '../engine/facets.ts';
import { type SearchHarness, startSearch } from '../testing/search-harness.ts';
import { activeProducts, type StoreCatalog, storeCatalog } from '../testing/store-catalog.ts';
import type { SearchResponse } from './search.schemas.ts';

interface ModelFilters {
  category?: string[];
  brand?: string[];
  inStock?: boolean;
  priceMin?: number;
  priceMax?: number;
  attributes?: Record<string, string[]>;
}

/** Which products pass the filters, leaving out the named one (a facet's own). */
function passes(p: ProductSnapshot, f: ModelFilters, except?: string): boolean {
  if (except !== 'category' && f.category && !f.category.includes(p.category)) return false;
  if (except !== 'brand' && f.brand && !f.brand.includes(p.brand)) return false;
  if (except !== 'in_stock' && f.inStock !== undefined && p.inStock !== f.inStock) return false;
  if (except !== 'price' && f.priceMin !== undefined && p.price < f.priceMin) return false;
  if (except !== 'price' && f.priceMax !== undefined && p.price > f.priceMax) return false;
  for (const [name, values] of Object.entries(f.attributes ?? {}))
    if (except !== `attr.${name}` && !(p.attributes[name] ?? []).some((v) => values.includes(v))) return false;
  return true;
}

const tally = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
};

function modelFacets(products: ProductSnapshot[], f: ModelFilters): SearchResponse['facets'] {
  const among = (except?: string) => products.filter((p) => passes(p, f, except));
  const names = [...new Set(among().flatMap((p) => Object.keys(p.attributes)))];
  const attributes = Object.fromEntries(
    [...new Set([...names, ...Object.keys(f.attributes ?? {})])].map((name) => [
      name,
      tally(among(`attr.${name}`).flatMap((p) => p.attributes[name] ?? [])),
    ]),
  );
  const priced = among('price');
  const bounds = [0, ...PRICE_BOUNDS, Number.POSITIVE_INFINITY];
  return {
    category: tally(among('category').map((p) => p.category)),
    brand: tally(among('brand').map((p) => p.brand)),
    attributes: Object.fromEntries(Object.entries(attributes).filter(([, values]) => values.length > 0)),
    in_stock: {
      true: among('in_stock').filter((p) => p.inStock).length,
      false: among('in_stock').filter((p) => !p.inStock).length,
    },
    price: bounds.slice(0, -1).map((from, i) => ({
      from,
      to: Number.isFinite(bounds[i + 1]!) ? bounds[i + 1]! : null,
      count: priced.filter((p) => p.price >= from && p.price < bounds[i + 1]!).length,
    })),
  };
}

describe.each([
  ['real servers', false],
  ['embedded (PGlite)', true],
])('filters and facets on %s', (_name, embedded) => {
  let h: SearchHarness;
  let store: StoreCatalog;
  let active: ProductSnapshot[];

  beforeAll(async () => {
    h = await startSearch({ embedded });
    store = storeCatalog();
    active = activeProducts(store);
    await h.index(...Object.values(store));
  });
  afterAll(async () => {
    await h?.close();
  });

  const cases: [string, ModelFilters][] = [
    ['category=jeans&attr.color=blue', { category: ['jeans'], attributes: { color: ['blue'] } }],
    ['in_stock=true&price_min=5000&price_max=20000', { inStock: true, priceMin: 5000, priceMax: 20_000 }],
    ['brand=denimco,voltz&in_stock=false', { brand: ['denimco', 'voltz'], inStock: false }],
    ['attr.color=red&attr.color=white&attr.size=m', { attributes: { color: ['red', 'white'], size: ['m'] } }],
    ['category=t-shirts&category=shoes&price_max=12990', { category: ['t-shirts', 'shoes'], priceMax: 12_990 }],
    ['in_stock=false', { inStock: false }],
  ];

  it.each(cases)('%s: exact hits and disjunctive facet counts', async (query, filters) => {
    const result = await h.search(`${query}&limit=100&sort=price_asc`);
    const expected = active.filter((p) => passes(p, filters));
    expect(result.total).toBe(expected.length);
    expect(result.items.map((i) => i.id).sort()).toEqual(expected.map((p) => p.productId).sort());
    expect(result.facets).toEqual(modelFacets(active, filters));
  });

  it('counts facets over the text match too', async () => {
    const result = await h.search('q=jeans&attr.color=black');
    expect(result.items.map((i) => i.title).sort()).toEqual([store.jeansRelaxed.title, store.jeansSkinny.title]);
    // Everything matching "jeans" (titles, and the jeans category: the shorts) by colour, the selected black
    // included: the colour filter does not narrow its own facet.
    expect(result.facets.attributes.color).toEqual([
      { value: 'black', count: 2 },
      { value: 'blue', count: 2 },
    ]);
    expect(result.facets.category).toEqual([{ value: 'jeans', count: 2 }]);
    expect(result.facets.in_stock).toEqual({ true: 1, false: 1 });
  });

  it('returns the document view with its prices and attributes', async () => {
    const [hit] = (await h.search('q=basic%20cotton')).items;
    const p = store.tshirtBasic;
    expect(hit).toMatchObject({
      id: p.productId,
      sku: p.sku,
      title: p.title,
      description: p.description,
      price: 8990,
      original_price: 11_990,
      currency: 'BRL',
      category: 't-shirts',
      brand: 'techcorp-basics',
      attributes: p.attributes,
      popularity_score: 0.85,
      in_stock: true,
      version: 1,
      updated_at: p.updatedAt,
    });
    expect(hit!.score).toBeGreaterThan(0);
  });

  it('sorts by price, popularity and recency, ties by id', async () => {
    const byId = (a: ProductSnapshot, b: ProductSnapshot) => (a.productId < b.productId ? -1 : 1);
    const ids = async (sort: string) => (await h.search(`sort=${sort}&limit=100`)).items.map((i) => i.id);
    const order = (compare: (a: ProductSnapshot, b: ProductSnapshot) => number) =>
      [...active].sort((a, b) => compare(a, b) || byId(a, b)).map((p) => p.productId);
    expect(await ids('price_asc')).toEqual(order((a, b) => a.price - b.price));
    expect(await ids('price_desc')).toEqual(order((a, b) => b.price - a.price));
    expect(await ids('popularity')).toEqual(order((a, b) => b.popularityScore - a.popularityScore));
    expect(await ids('relevance')).toEqual(order((a, b) => b.popularityScore - a.popularityScore));
    expect(await ids('newest')).toEqual(order((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)));
  });

  it('pages without duplicates or gaps, in the order of one big page', async () => {
    for (const query of ['sort=price_asc', 'sort=relevance', 'q=shoes%20jeans%20shirt&sort=relevance']) {
      const all = await h.search(`${query}&limit=100`);
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(all.total / 4) + 1; page++) {
        const result = await h.search(`${query}&limit=4&page=${page}`);
        expect(result.total).toBe(all.total);
        expect(result).toMatchObject({ page, limit: 4 });
        seen.push(...result.items.map((i) => i.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(all.items.map((i) => i.id));
    }
  });
});
