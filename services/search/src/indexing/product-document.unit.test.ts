// What gets indexed from a snapshot or a catalog product, and which catalog payloads are refused.
import { describe, expect, it } from 'vitest';
import { catalogItem, product } from '../testing/product-fixtures.ts';
import { catalogItemId, cleanAttributes, documentFromCatalog, documentFromSnapshot } from './product-document.ts';

describe('attributes', () => {
  it('are trimmed, deduplicated, and empty names or values dropped', () => {
    expect(cleanAttributes({ color: [' blue', 'blue', '', 'red '], ' ': ['x'], size: [] })).toEqual({
      color: ['blue', 'red'],
    });
  });
});

describe('a snapshot and the same product read from catalog', () => {
  it('give the same document, except that catalog knows when it was created', () => {
    const snapshot = product({ title: 'Linen Shirt', attributes: { color: ['white'] }, originalPrice: 9990 });
    const fromCatalog = documentFromCatalog(catalogItem(snapshot));
    expect(fromCatalog).toEqual({
      doc: { ...documentFromSnapshot(snapshot), createdAt: catalogItem(snapshot).created_at },
    });
  });
});

describe('a catalog product', () => {
  const base = catalogItem(product({ title: 'Linen Shirt' }));

  it("keeps the URLs of catalog's image objects", () => {
    const images = [{ url: 'https://cdn.example.com/a.jpg', alt: 'front' }, { url: 'https://cdn.example.com/b.jpg' }];
    expect(documentFromCatalog({ ...base, images })).toMatchObject({
      doc: { images: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'] },
    });
  });

  it('without the fields catalog is still adding counts as not in stock, unranked, without attributes', () => {
    const { original_price, attributes, images, popularity_score, in_stock, created_at, ...older } = base;
    const mapped = documentFromCatalog(older);
    expect(mapped).toMatchObject({
      doc: { originalPrice: null, attributes: {}, images: [], popularityScore: 0, inStock: false, createdAt: null },
    });
  });

  it.each([
    ['price', { price: '10' }],
    ['status', { status: 'DRAFT' }],
    ['version', { version: 0 }],
    ['id', { id: 'not-a-uuid' }],
    ['updated_at', { updated_at: 'yesterday' }],
  ])('is refused with a bad %s', (field, change) => {
    const mapped = documentFromCatalog({ ...base, ...change });
    expect(mapped).toHaveProperty('error');
    expect((mapped as { error: string }).error).toContain(field);
  });

  it('keeps its id even when the rest is malformed', () => {
    expect(catalogItemId({ id: base.id.toUpperCase(), price: 'free' })).toBe(base.id.toLowerCase());
    expect(catalogItemId({ id: 42 })).toBeNull();
  });
});
