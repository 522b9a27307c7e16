// HTTP schemas of the cart API (snake_case JSON): they validate requests, type handlers and serialize replies.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { CanonicalUuid } from '@techcorp/platform';
import { MAX_QUANTITY } from './cart.model.ts';

export const Uuid = CanonicalUuid;
/** 32 random bytes, base64url without padding. */
export const CART_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
const CartToken = Type.String({ pattern: CART_TOKEN_PATTERN });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const CART_TOKEN_HEADER = 'x-cart-token';

export const CartHeaders = Type.Object({ [CART_TOKEN_HEADER]: Type.Optional(CartToken) });
export const ProductParams = Type.Object({ productId: Uuid }, { additionalProperties: false });

export const AddItemBody = Type.Object({ product_id: Uuid, quantity: Quantity }, { additionalProperties: false });
export type AddItemBody = Static<typeof AddItemBody>;
export const ChangeQuantityBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });
export const MergeBody = Type.Object({ cart_token: CartToken }, { additionalProperties: false });

const LineView = Type.Object({
  product_id: Type.String(),
  sku: Type.String(),
  title: Type.String(),
  quantity: Type.Integer(),
  unit_price: Type.Integer(),
  unit_price_at_add: Type.Integer(),
  price_changed: Type.Boolean(),
  available: Type.Union([Type.Integer(), Type.Null()]),
  insufficient_stock: Type.Boolean(),
  unavailable: Type.Boolean(),
  line_total: Type.Integer(),
  added_at: Type.String(),
});

const viewProperties = {
  cart_id: NullableString,
  currency: NullableString,
  version: Type.Integer(),
  item_count: Type.Integer(),
  subtotal: Type.Integer(),
  expires_at: NullableString,
  lines: Type.Array(LineView),
  degraded: Type.Boolean(),
  /** Only in the answer to the write that created a guest cart: the guest's key to it, shown once. */
  cart_token: Type.Optional(Type.String()),
};
export const CartViewSchema = Type.Object(viewProperties);

export const MergeViewSchema = Type.Object({
  ...viewProperties,
  capped: Type.Array(
    Type.Object({
      product_id: Type.String(),
      requested: Type.Integer(),
      quantity: Type.Integer(),
      available: Type.Integer(),
    }),
  ),
  dropped: Type.Array(Type.Object({ product_id: Type.String(), reason: Type.String() })),
});
