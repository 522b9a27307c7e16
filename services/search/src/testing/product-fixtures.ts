// Test builders: product snapshots as catalog would publish them, their revisions, and product.updated envelopes.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, type ProductSnapshot, ProductUpdated } from '@techcorp/contracts';
import type { CatalogProduct } from '../indexing/product-document.ts';

let skuCounter = 0;
const BASE_TIME = Date.parse('2025-01-01T00:00:00.000Z');

export type ProductInput = Partial<ProductSnapshot> & { title: string };

export function product(input: ProductInput): ProductSnapshot {
  skuCounter += 1;
  return {
    productId: randomUUID(),
    sku: `SKU-${String(skuCounter).padStart(4, '0')}`,
    description: '',
    price: 5000,
    originalPrice: null,
    currency: 'BRL',
    category: 'misc',
    brand: 'techcorp-basics',
    attributes: {},
    images: [],
    popularityScore: 0.5,
    inStock: true,
    status: 'ACTIVE',
    version: 1,
    updatedAt: new Date(BASE_TIME + skuCounter * 60_000).toISOString(),
    ...input,
  };
}

/** The next version of a product, changed as given, a minute later. */
export function revise(snapshot: ProductSnapshot, changes: Partial<ProductSnapshot>): ProductSnapshot {
  return {
    ...snapshot,
    ...changes,
    version: snapshot.version + 1,
    updatedAt: new Date(Date.parse(snapshot.updatedAt) + 60_000).toISOString(),
  };
}

/** product.updated carrying the snapshot (or, with `withoutSnapshot`, only its id: an older event). */
export function productUpdated(snapshot: ProductSnapshot, options: { withoutSnapshot?: boolean } = {}): Envelope {
  const data = {
    productId: snapshot.productId,
    changes: ['title', 'price', 'stock'],
    updatedAt: snapshot.updatedAt,
    ...(options.withoutSnapshot ? {} : { product: snapshot }),
  };
  return createMessage(ProductUpdated, data, { aggregateId: snapshot.productId, correlationId: randomUUID() });
}

/** The product as catalog's HTTP API answers it (snake_case). */
export function catalogItem(snapshot: ProductSnapshot): CatalogProduct {
  return {
    id: snapshot.productId,
    sku: snapshot.sku,
    title: snapshot.title,
    description: snapshot.description,
    price: snapshot.price,
    original_price: snapshot.originalPrice,
    currency: snapshot.currency,
    category: snapshot.category,
    brand: snapshot.brand,
    attributes: snapshot.attributes,
    images: snapshot.images,
    popularity_score: snapshot.popularityScore,
    in_stock: snapshot.inStock,
    status: snapshot.status,
    version: snapshot.version,
    created_at: new Date(BASE_TIME).toISOString(),
    updated_at: snapshot.updatedAt,
  };
}
