// Facet shapes (pure): the price ranges and how counted rows become the response's facets.
import type { Facets, FacetValue, PriceRange } from './search-engine.ts';

/** Upper bounds (exclusive, minor units) of the price ranges: under 25.00, 25.00-50.00, ..., 1000.00 and up. */
export const PRICE_BOUNDS = [2500, 5000, 10_000, 20_000, 50_000, 100_000] as const;

/** One counted value as the facet statement returns it. */
export interface FacetRow {
  facet: 'category' | 'brand' | 'in_stock' | 'price' | 'attribute';
  /** The attribute name for attribute rows, else ''. */
  name: string;
  /** For price rows the range number (width_bucket: 0 below the first bound). */
  value: string;
  count: number;
}

/** Every price range, empty ones included, so a UI can show a stable list. */
export function priceRanges(counts: ReadonlyMap<number, number>): PriceRange[] {
  return Array.from({ length: PRICE_BOUNDS.length + 1 }, (_, i) => ({
    from: i === 0 ? 0 : PRICE_BOUNDS[i - 1]!,
    to: i < PRICE_BOUNDS.length ? PRICE_BOUNDS[i]! : null,
    count: counts.get(i) ?? 0,
  }));
}

export function assembleFacets(rows: readonly FacetRow[]): Facets {
  const facets: Facets = { category: [], brand: [], attributes: {}, in_stock: { true: 0, false: 0 }, price: [] };
  const prices = new Map<number, number>();
  for (const row of rows) {
    const value: FacetValue = { value: row.value, count: row.count };
    switch (row.facet) {
      case 'category':
      case 'brand':
        facets[row.facet].push(value);
        break;
      case 'attribute':
        facets.attributes[row.name] = [...(facets.attributes[row.name] ?? []), value];
        break;
      case 'in_stock':
        facets.in_stock[row.value === 'true' ? 'true' : 'false'] = row.count;
        break;
      case 'price':
        prices.set(Number(row.value), row.count);
        break;
      default: {
        const unknown: never = row.facet;
        throw new Error(`unknown facet ${String(unknown)}`);
      }
    }
  }
  facets.price = priceRanges(prices);
  return facets;
}
