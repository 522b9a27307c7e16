// What gets indexed (pure): a product.updated snapshot or a catalog product read over HTTP, as an IndexDocument.

import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ProductSnapshot } from '@techcorp/contracts';
import type { IndexDocument } from '../engine/search-engine.ts';

const MAX_ATTRIBUTE_VALUES = 50;

/** Attribute values trimmed, empty ones dropped, duplicates removed: facet counts count each product once. */
export function cleanAttributes(attributes: Record<string, readonly string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(attributes)) {
    const key = name.trim();
    const kept = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))].slice(0, MAX_ATTRIBUTE_VALUES);
    if (key.length > 0 && kept.length > 0) out[key] = [...new Set([...(out[key] ?? []), ...kept])];
  }
  return out;
}

export function documentFromSnapshot(product: ProductSnapshot): IndexDocument {
  return {
    productId: product.productId.toLowerCase(),
    sku: product.sku,
    title: product.title,
    description: product.description,
    price: product.price,
    originalPrice: product.originalPrice,
    currency: product.currency,
    category: product.category,
    brand: product.brand,
    attributes: cleanAttributes(product.attributes),
    images: product.images,
    popularityScore: product.popularityScore,
    inStock: product.inStock,
    status: product.status,
    version: product.version,
    createdAt: null,
    updatedAt: product.updatedAt,
  };
}

const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Timestamp = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
});
const Money = Type.Integer({ minimum: 0, maximum: 10_000_000_000 });

/**
 * A product as catalog's GET /api/products(/:id) answers (snake_case). original_price, attributes, images,
 * popularity_score and in_stock came with catalog's second release; an older catalog lacks them, and such a product
 * counts as not in stock, with no attributes and no popularity. Images are `{ url, alt? }` objects there (plain URLs
 * in the product.updated snapshot); the index keeps the URLs.
 */
export const CatalogProduct = Type.Object({
  id: Uuid,
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  title: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  price: Money,
  original_price: Type.Optional(Type.Union([Money, Type.Null()])),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  category: Type.String(),
  brand: Type.String(),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  images: Type.Optional(
    Type.Array(Type.Union([Type.String(), Type.Object({ url: Type.String(), alt: Type.Optional(Type.String()) })])),
  ),
  popularity_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  in_stock: Type.Optional(Type.Boolean()),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('ARCHIVED')]),
  version: Type.Integer({ minimum: 1 }),
  created_at: Type.Optional(Timestamp),
  updated_at: Timestamp,
});
export type CatalogProduct = Static<typeof CatalogProduct>;

/** The document for a catalog product, or why the payload is not one (the first problem found). */
export function documentFromCatalog(raw: unknown): { doc: IndexDocument } | { error: string } {
  if (!Value.Check(CatalogProduct, raw)) {
    const first = Value.Errors(CatalogProduct, raw).First();
    return { error: `catalog product ${first?.path || '/'}: ${first?.message ?? 'invalid'}` };
  }
  const p = raw;
  return {
    doc: {
      productId: p.id.toLowerCase(),
      sku: p.sku,
      title: p.title,
      description: p.description ?? '',
      price: p.price,
      originalPrice: p.original_price ?? null,
      currency: p.currency,
      category: p.category,
      brand: p.brand,
      attributes: cleanAttributes(p.attributes ?? {}),
      images: (p.images ?? []).map((image) => (typeof image === 'string' ? image : image.url)),
      popularityScore: p.popularity_score ?? 0,
      inStock: p.in_stock ?? false,
      status: p.status,
      version: p.version,
      createdAt: p.created_at ?? null,
      updatedAt: p.updated_at,
    },
  };
}

/** The id of a catalog list item, when it has a usable one (to keep it even when the rest is malformed). */
export function catalogItemId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && Value.Check(Uuid, id) ? id.toLowerCase() : null;
}
