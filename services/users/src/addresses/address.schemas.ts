// HTTP schemas of addresses (snake_case JSON): the view, creation, and the partial update.
import { type Static, Type } from '@sinclair/typebox';
import { Phone, Text, Uuid } from '../http/schemas.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Country = Type.String({ pattern: '^[A-Z]{2}$', minLength: 2, maxLength: 2 });
/** Letters, digits, spaces and dashes, starting and ending with a letter or digit: 01310-100, SW1A 1AA, 10115. */
const PostalCode = Type.String({ pattern: '^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,8}[A-Za-z0-9])?$', maxLength: 10 });
const Optional = (minLength: number, maxLength: number) => Type.Union([Text(minLength, maxLength), Type.Null()]);

const Fields = {
  label: Optional(1, 50),
  recipient: Text(1, 120),
  line1: Text(1, 200),
  line2: Optional(1, 200),
  city: Text(1, 100),
  region: Optional(1, 100),
  postal_code: PostalCode,
  country: Country,
  phone: Type.Union([Phone, Type.Null()]),
  is_default_shipping: Type.Boolean(),
  is_default_billing: Type.Boolean(),
};

export const CreateAddressBody = Type.Object(
  {
    label: Type.Optional(Fields.label),
    recipient: Fields.recipient,
    line1: Fields.line1,
    line2: Type.Optional(Fields.line2),
    city: Fields.city,
    region: Type.Optional(Fields.region),
    postal_code: Fields.postal_code,
    country: Fields.country,
    phone: Type.Optional(Fields.phone),
    is_default_shipping: Type.Optional(Fields.is_default_shipping),
    is_default_billing: Type.Optional(Fields.is_default_billing),
  },
  { additionalProperties: false },
);
export type CreateAddressBody = Static<typeof CreateAddressBody>;

export const PatchAddressBody = Type.Partial(Type.Object(Fields), { additionalProperties: false, minProperties: 1 });
export type PatchAddressBody = Static<typeof PatchAddressBody>;

export const AddressView = Type.Object({
  id: Type.String(),
  label: NullableString,
  recipient: Type.String(),
  line1: Type.String(),
  line2: NullableString,
  city: Type.String(),
  region: NullableString,
  postal_code: Type.String(),
  country: Type.String(),
  phone: NullableString,
  is_default_shipping: Type.Boolean(),
  is_default_billing: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
  version: Type.Integer(),
});
export type AddressView = Static<typeof AddressView>;

export const AddressList = Type.Object({ items: Type.Array(AddressView) });
export const AddressParams = Type.Object({ addressId: Uuid }, { additionalProperties: false });
export const UserAddressParams = Type.Object({ userId: Uuid, addressId: Uuid }, { additionalProperties: false });
