// Specifications of the pure product rules: update diffs, If-Match preconditions, keyset cursors.
import { describe, expect, it } from 'vitest';
import type { Product, ProductFields } from './product.model.ts';
import {
  decodeCursor,
  diffProduct,
  encodeCursor,
  paginate,
  parseIfMatch,
  priceOrderProblem,
  satisfiesPrecondition,
} from './product.policy.ts';

const current: ProductFields = {
  sku: 'TSHIRT-001',
  title: 'T-shirt',
  description: 'Cotton',
  price: 2990,
  originalPrice: 3990,
  currency: 'BRL',
  category: 'apparel',
  brand: 'acme',
  attributes: { color: ['blue', 'red'], size: ['m', 'l'] },
  images: [{ url: 'https://cdn.example.com/a.jpg', alt: 'front' }, { url: 'https://cdn.example.com/b.jpg' }],
  popularityScore: 0.5,
  status: 'ACTIVE',
};

const product = (n: number): Product => ({
  ...current,
  inStock: true,
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  version: 1,
  createdAt: `2026-01-01T00:00:0${n}.123456Z`,
  updatedAt: `2026-01-01T00:00:0${n}.123456Z`,
});

describe('given an active product', () => {
  it('when an update repeats every current value, then nothing changes', () => {
    expect(diffProduct(current, { ...current })).toEqual({ changes: [], patch: {} });
  });

  it('when an update sends some new and some equal values, then only the new ones are changes', () => {
    const outcome = diffProduct(current, { status: 'ARCHIVED', title: 'T-shirt', price: 3490 });
    expect(outcome.changes).toEqual(['price', 'status']);
    expect(outcome.patch).toEqual({ price: 3490, status: 'ARCHIVED' });
  });

  it('when an update leaves fields out, then they are not changes', () => {
    expect(diffProduct(current, { brand: 'other' }).changes).toEqual(['brand']);
  });

  it('when attributes arrive with their keys in another order, then they are not a change', () => {
    const reordered = { size: ['m', 'l'], color: ['blue', 'red'] };
    expect(diffProduct(current, { attributes: reordered }).changes).toEqual([]);
  });

  it('when an attribute gains, loses or reorders values, or a key goes, then attributes change', () => {
    const variants: Record<string, string[]>[] = [
      { color: ['blue', 'red', 'black'], size: ['m', 'l'] },
      { color: ['blue'], size: ['m', 'l'] },
      { color: ['red', 'blue'], size: ['m', 'l'] },
      { color: ['blue', 'red'] },
      { color: ['blue', 'red'], size: ['m', 'l'], fit: ['slim'] },
    ];
    for (const attributes of variants) expect(diffProduct(current, { attributes }).changes).toEqual(['attributes']);
  });

  it('when images are the same list, then nothing changes; another alt, order or url is a change', () => {
    expect(diffProduct(current, { images: current.images.map((i) => ({ ...i })) }).changes).toEqual([]);
    const [a, b] = current.images as [{ url: string; alt?: string }, { url: string }];
    for (const images of [[b, a], [a], [{ ...a, alt: 'back' }, b], [{ url: a.url }, b], []])
      expect(diffProduct(current, { images }).changes).toEqual(['images']);
  });

  it('when original_price is cleared with null, then that is a change; undefined is not', () => {
    expect(diffProduct(current, { originalPrice: null }).patch).toEqual({ originalPrice: null });
    expect(diffProduct(current, { originalPrice: undefined }).changes).toEqual([]);
  });

  it('lists changes in view order, whatever order the request had', () => {
    const outcome = diffProduct(current, { status: 'ARCHIVED', popularityScore: 0.9, originalPrice: null, sku: 'X-1' });
    expect(outcome.changes).toEqual(['sku', 'originalPrice', 'popularityScore', 'status']);
  });
});

describe('given a price and an original price', () => {
  it('when original_price is absent or not below the price, then the pair is fine', () => {
    expect(priceOrderProblem(2990, null)).toBeNull();
    expect(priceOrderProblem(2990, 2990)).toBeNull();
    expect(priceOrderProblem(2990, 3990)).toBeNull();
  });

  it('when original_price is below the price, then the pair is refused', () => {
    expect(priceOrderProblem(2990, 2989)).toMatch(/must not be below the price/);
  });
});

describe('given an If-Match header', () => {
  it('when it names the current version (quoted or bare), then the precondition holds', () => {
    expect(satisfiesPrecondition(parseIfMatch('"3"')!, 3)).toBe(true);
    expect(satisfiesPrecondition(parseIfMatch('3')!, 3)).toBe(true);
    expect(satisfiesPrecondition(parseIfMatch('"1", "3"')!, 3)).toBe(true);
  });

  it('when it is *, then any version satisfies it', () => {
    expect(satisfiesPrecondition(parseIfMatch('*')!, 42)).toBe(true);
  });

  it('when it names another version or a weak tag, then the precondition fails', () => {
    expect(satisfiesPrecondition(parseIfMatch('"2"')!, 3)).toBe(false);
    expect(satisfiesPrecondition(parseIfMatch('W/"3"')!, 3)).toBe(false);
  });

  it('when it is not an entity tag, then it is rejected as malformed', () => {
    for (const header of ['abc', '"3', '3"', '0', '-1', '"1.5"', '', '"3",']) expect(parseIfMatch(header)).toBeNull();
  });
});

describe('given a keyset cursor', () => {
  it('when one this service issued comes back, then it decodes to the same position', () => {
    const position = { createdAt: '2026-02-28T23:59:59.000001Z', id: '0190f5a4-1c1e-7c3a-8f00-0123456789ab' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('when it is forged or damaged, then it is rejected', () => {
    const forged = [
      'not-a-cursor',
      Buffer.from('2026-02-31T00:00:00.000000Z|0190f5a4-1c1e-7c3a-8f00-0123456789ab').toString('base64url'),
      Buffer.from('2026-01-01T00:00:00.000000Z|nope').toString('base64url'),
      Buffer.from("2026-01-01T00:00:00Z'; DROP TABLE products;--|x").toString('base64url'),
      Buffer.from('2026-01-01T00:00:00.000000Z|0190f5a4-1c1e-7c3a-8f00-0123456789ab|x').toString('base64url'),
    ];
    for (const raw of forged) expect(decodeCursor(raw)).toBeNull();
  });
});

describe('given rows fetched with one extra', () => {
  it('when the extra row is there, then the page ends at the limit and points past its last item', () => {
    const page = paginate([product(1), product(2), product(3)], 2);
    expect(page.items.map((p) => p.id)).toEqual([product(1).id, product(2).id]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: product(2).createdAt, id: product(2).id });
  });

  it('when there is no extra row, then it is the last page', () => {
    expect(paginate([product(1), product(2)], 2).nextCursor).toBeNull();
    expect(paginate([], 2)).toEqual({ items: [], nextCursor: null });
  });
});
