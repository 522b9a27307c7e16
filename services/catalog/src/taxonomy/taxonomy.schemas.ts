// HTTP schemas of the category and brand API (snake_case JSON).
import { type Static, Type } from '@fastify/type-provider-typebox';
import { SLUG_PATTERN } from '../product/product.model.ts';
import { Text } from '../product/product.schemas.ts';

const Slug = Type.String({ pattern: SLUG_PATTERN });
const Name = Text({ minLength: 1, maxLength: 100 });
const Timestamp = Type.String({ format: 'date-time' });

export const TermParams = Type.Object({ slug: Slug }, { additionalProperties: false });

export const PutCategoryBody = Type.Object(
  // Omitting parent_slug makes a top-level category: PUT replaces the whole term.
  { name: Name, parent_slug: Type.Optional(Type.Union([Slug, Type.Null()])) },
  { additionalProperties: false },
);
export type PutCategoryBody = Static<typeof PutCategoryBody>;

export const PutBrandBody = Type.Object({ name: Name }, { additionalProperties: false });
export type PutBrandBody = Static<typeof PutBrandBody>;

export const CategoryView = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  parent_slug: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CategoryView = Static<typeof CategoryView>;

export const BrandView = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type BrandView = Static<typeof BrandView>;

export const CategoryList = Type.Object({ items: Type.Array(CategoryView) });
export const BrandList = Type.Object({ items: Type.Array(BrandView) });
