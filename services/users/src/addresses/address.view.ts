// Address rows to API views, request bodies to stored fields, and the state history diffs (API field names).

import type { DefaultFlags } from './address.policy.ts';
import type { AddressView, CreateAddressBody, PatchAddressBody } from './address.schemas.ts';
import type { AddressFields, AddressRow } from './address.sql.ts';

/** The fields as the API names them; history records changes under these names. */
export function addressState(f: AddressFields) {
  return {
    label: f.label,
    recipient: f.recipient,
    line1: f.line1,
    line2: f.line2,
    city: f.city,
    region: f.region,
    postal_code: f.postalCode,
    country: f.country,
    phone: f.phone,
    is_default_shipping: f.isDefaultShipping,
    is_default_billing: f.isDefaultBilling,
  };
}

export function addressView(row: AddressRow): AddressView {
  return {
    id: row.id,
    ...addressState(row),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function fieldsFromCreate(body: CreateAddressBody, defaults: DefaultFlags): AddressFields {
  return {
    label: body.label ?? null,
    recipient: body.recipient,
    line1: body.line1,
    line2: body.line2 ?? null,
    city: body.city,
    region: body.region ?? null,
    postalCode: body.postal_code,
    country: body.country,
    phone: body.phone ?? null,
    isDefaultShipping: defaults.shipping,
    isDefaultBilling: defaults.billing,
  };
}

/** A field present in the patch replaces the current one (null clears an optional field); absent ones stay. */
export function applyAddressPatch(current: AddressFields, patch: PatchAddressBody): AddressFields {
  const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  return {
    label: pick(patch.label, current.label),
    recipient: pick(patch.recipient, current.recipient),
    line1: pick(patch.line1, current.line1),
    line2: pick(patch.line2, current.line2),
    city: pick(patch.city, current.city),
    region: pick(patch.region, current.region),
    postalCode: pick(patch.postal_code, current.postalCode),
    country: pick(patch.country, current.country),
    phone: pick(patch.phone, current.phone),
    isDefaultShipping: pick(patch.is_default_shipping, current.isDefaultShipping),
    isDefaultBilling: pick(patch.is_default_billing, current.isDefaultBilling),
  };
}
