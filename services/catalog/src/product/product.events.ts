// Maps a product change to the public product.updated: the changed fields by public name, plus the full snapshot.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, type ProductSnapshot, ProductUpdated } from '@techcorp/contracts';
import { currentContext } from '@techcorp/platform';
import { FIELD_NAMES, type Product, type StateField } from './product.model.ts';

/** The product as search indexes it, at its current version. */
export function productSnapshot(product: Product): ProductSnapshot {
  return {
    productId: product.id,
    sku: product.sku,
    title: product.title,
    description: product.description,
    price: product.price,
    originalPrice: product.originalPrice,
    currency: product.currency as ProductSnapshot['currency'],
    category: product.category,
    brand: product.brand,
    attributes: product.attributes,
    images: product.images.map((image) => image.url),
    popularityScore: product.popularityScore,
    inStock: product.inStock,
    status: product.status,
    version: product.version,
    updatedAt: product.updatedAt,
  };
}

/** product.updated for a product just written (in the same transaction), correlated with the request or message. */
export function productUpdated(product: Product, changes: readonly StateField[]): Envelope {
  const context = currentContext();
  return createMessage(
    ProductUpdated,
    {
      productId: product.id,
      changes: changes.map((field) => FIELD_NAMES[field]),
      updatedAt: product.updatedAt,
      product: productSnapshot(product),
    },
    {
      aggregateId: product.id,
      correlationId: context?.correlationId ?? randomUUID(),
      causationId: context?.causationId ?? null,
      traceparent: context?.traceparent ?? null,
    },
  );
}
