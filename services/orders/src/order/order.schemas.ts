// HTTP request and response schemas of the order API (snake_case JSON, money in integer minor units).

import { type Static, Type } from '@sinclair/typebox';
import { CURRENCIES, MAX_LINE_QUANTITY } from '@techcorp/contracts';

const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

export const ShippingAddressBody = Type.Object(
  {
    name: Text(120),
    line1: Text(200),
    line2: Type.Optional(Text(200, 0)),
    city: Text(100),
    state: Type.Optional(Text(100, 0)),
    postal_code: Text(20),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
);

export const PlaceOrderBody = Type.Object(
  {
    /** Either items and currency, or cart_id (seed 001's checkout body): the cart's lines and currency. */
    items: Type.Optional(
      Type.Array(
        Type.Object(
          {
            product_id: Type.String({ format: 'uuid' }),
            quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
    ),
    currency: Type.Optional(Type.Union(CURRENCIES.map((c) => Type.Literal(c)))),
    cart_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' })),
    payment: Type.Object(
      {
        method: Type.Union([Type.Literal('credit_card'), Type.Literal('debit_card')]),
        card_token: Type.String({ pattern: '^tok_[A-Za-z0-9_]{1,64}$' }),
      },
      { additionalProperties: false },
    ),
    /** Exactly one of the two: an address saved in the customer's address book, or one given inline. */
    shipping_address_id: Type.Optional(
      Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }),
    ),
    shipping_address: Type.Optional(ShippingAddressBody),
  },
  { additionalProperties: false },
);
export type PlaceOrderBody = Static<typeof PlaceOrderBody>;

export const OrderIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' })),
  prefer: Type.Optional(Type.String({ maxLength: 200 })),
});

export const StatusBody = Type.Object(
  { status: Type.Union([Type.Literal('SHIPPED'), Type.Literal('DELIVERED')]) },
  { additionalProperties: false },
);

export const CancelQuery = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
