// HTTP schemas of the product API (snake_case JSON): they validate requests, type handlers and serialize replies.
// typebox 1.x as the Fastify type provider re-exports it, so handlers get exact static types.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { CURRENCIES } from '@techcorp/contracts';
import { MAX_PRICE, PRODUCT_STATUSES } from './product.policy.ts';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const MAX_IDS = 100;

// A plain pattern, not format 'uuid': ajv-formats also accepts a `urn:uuid:` prefix PostgreSQL would reject.
const ProductId = Type.String({ pattern: `^${UUID_PATTERN}$` });
const Sku = Type.String({ pattern: '^[A-Z0-9-]{3,40}$' });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });
const Price = Type.Integer({ minimum: 1, maximum: MAX_PRICE });
const CurrencyCode = Type.Enum([...CURRENCIES]);
const Label = Type.String({ minLength: 1, maxLength: 100 });
const Status = Type.Enum([...PRODUCT_STATUSES]);
const Timestamp = Type.String({ format: 'date-time' });

export const ProductParams = Type.Object({ id: ProductId }, { additionalProperties: false });

export const CreateProductBody = Type.Object(
  {
    sku: Sku,
    title: Title,
    description: Type.Optional(Description),
    price: Price,
    currency: CurrencyCode,
    category: Label,
    brand: Label,
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
    currency: Type.Optional(CurrencyCode),
    category: Type.Optional(Label),
    brand: Type.Optional(Label),
    status: Type.Optional(Status),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const UpdateProductHeaders = Type.Object({
  // An entity tag as sent back in ETag ("3", W/"3" or a bare 3), or *; parsed by the policy.
  'if-match': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const ListProductsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
    category: Type.Optional(Label),
    brand: Type.Optional(Label),
    ids: Type.Optional(
      Type.String({ maxLength: MAX_IDS * 37, pattern: `^${UUID_PATTERN}(,${UUID_PATTERN}){0,${MAX_IDS - 1}}$` }),
    ),
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
  currency: Type.String(),
  category: Type.String(),
  brand: Type.String(),
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
