// HTTP schemas of the product API (snake_case JSON): they validate requests, type handlers and serialize replies.
// typebox 1.x as the Fastify type provider re-exports it, so handlers get exact static types.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { CURRENCIES } from '@techcorp/contracts';
import { CanonicalUuid, UuidList } from '@techcorp/platform';
import {
  ATTRIBUTE_KEY_PATTERN,
  MAX_ATTRIBUTE_KEYS,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTE_VALUES,
  MAX_IMAGE_ALT_LENGTH,
  MAX_IMAGE_URL_LENGTH,
  MAX_IMAGES,
  MAX_PRICE,
  PRODUCT_STATUSES,
  SLUG_PATTERN,
} from './product.model.ts';

/** Free text: PostgreSQL cannot store U+0000 in text or JSONB, so it is refused here as a 400, not failed as a 500. */
export const Text = (options: { minLength?: number; maxLength: number }) =>
  Type.String({ ...options, pattern: '^[^\\u0000]*$' });

const ProductId = CanonicalUuid;
const Sku = Type.String({ pattern: '^[A-Z0-9-]{3,40}$' });
const Title = Text({ minLength: 1, maxLength: 200 });
const Description = Text({ maxLength: 5000 });
const Price = Type.Integer({ minimum: 1, maximum: MAX_PRICE });
const CurrencyCode = Type.Enum([...CURRENCIES]);
const OriginalPrice = Type.Union([Price, Type.Null()]);
const Slug = Type.String({ pattern: SLUG_PATTERN });
const Attributes = Type.Record(
  Type.String({ pattern: ATTRIBUTE_KEY_PATTERN }),
  Type.Array(Text({ minLength: 1, maxLength: MAX_ATTRIBUTE_VALUE_LENGTH }), {
    minItems: 1,
    maxItems: MAX_ATTRIBUTE_VALUES,
  }),
  { maxProperties: MAX_ATTRIBUTE_KEYS, additionalProperties: false },
);
// The URL's own rules (scheme, host, port) are checked after the schema, by checkImageUrl.
const Image = Type.Object(
  {
    url: Text({ minLength: 1, maxLength: MAX_IMAGE_URL_LENGTH }),
    alt: Type.Optional(Text({ minLength: 1, maxLength: MAX_IMAGE_ALT_LENGTH })),
  },
  { additionalProperties: false },
);
const Images = Type.Array(Image, { maxItems: MAX_IMAGES });
const PopularityScore = Type.Number({ minimum: 0, maximum: 1 });
const Status = Type.Enum([...PRODUCT_STATUSES]);
const Timestamp = Type.String({ format: 'date-time' });

export const ProductParams = Type.Object({ id: ProductId }, { additionalProperties: false });

export const VersionedWriteHeaders = Type.Object({
  // An entity tag as sent back in ETag ("3", W/"3" or a bare 3), or *; parsed by the policy.
  'if-match': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const CreateProductBody = Type.Object(
  {
    sku: Sku,
    title: Title,
    description: Type.Optional(Description),
    price: Price,
    original_price: Type.Optional(OriginalPrice),
    currency: CurrencyCode,
    category: Slug,
    brand: Slug,
    attributes: Type.Optional(Attributes),
    images: Type.Optional(Images),
    popularity_score: Type.Optional(PopularityScore),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Object(
  {
    sku: Type.Optional(Sku),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    price: Type.Optional(Price),
    original_price: Type.Optional(OriginalPrice),
    currency: Type.Optional(CurrencyCode),
    category: Type.Optional(Slug),
    brand: Type.Optional(Slug),
    attributes: Type.Optional(Attributes),
    images: Type.Optional(Images),
    popularity_score: Type.Optional(PopularityScore),
    status: Type.Optional(Status),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const ListProductsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
    category: Type.Optional(Slug),
    brand: Type.Optional(Slug),
    ids: Type.Optional(UuidList),
    include_archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListProductsQuery = Static<typeof ListProductsQuery>;

export const ProductView = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  title: Type.String(),
  description: Type.String(),
  price: Type.Integer(),
  original_price: Type.Union([Type.Integer(), Type.Null()]),
  currency: Type.String(),
  category: Type.String(),
  brand: Type.String(),
  attributes: Type.Record(Type.String(), Type.Array(Type.String())),
  images: Type.Array(Type.Object({ url: Type.String(), alt: Type.Optional(Type.String()) })),
  popularity_score: Type.Number(),
  in_stock: Type.Boolean(),
  status: Type.String(),
  version: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProductView = Static<typeof ProductView>;

export const ProductPage = Type.Object({
  items: Type.Array(ProductView),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});
export type ProductPage = Static<typeof ProductPage>;
