// Messages catalog publishes (seed 001: product.updated with the changed fields, and the indexed document).
import { type Static, Type } from '@sinclair/typebox';
import { Currency, MinorUnits, Uuid } from './common.ts';
import { defineEvent } from './envelope.ts';

/**
 * The product as search indexes it (seed 001 "Indexed Document"), at catalog `version`: consumers keep the newest
 * version they saw, so duplicates and out-of-order deliveries converge.
 */
export const ProductSnapshot = Type.Object({
  productId: Uuid,
  sku: Type.String(),
  title: Type.String(),
  description: Type.String(),
  price: MinorUnits,
  originalPrice: Type.Union([MinorUnits, Type.Null()]),
  currency: Currency,
  category: Type.String(),
  brand: Type.String(),
  /** e.g. { color: ['blue', 'red'], size: ['s', 'm'] } */
  attributes: Type.Record(Type.String(), Type.Array(Type.String())),
  images: Type.Array(Type.String()),
  popularityScore: Type.Number({ minimum: 0, maximum: 1 }),
  inStock: Type.Boolean(),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('ARCHIVED')]),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ProductSnapshot = Static<typeof ProductSnapshot>;

export const ProductUpdated = defineEvent(
  'product.updated',
  Type.Object({
    productId: Uuid,
    changes: Type.Array(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
    /** Added after the first release: an older event lacks it, and a consumer then reads the product from catalog. */
    product: Type.Optional(ProductSnapshot),
  }),
);
