// Attribute values as search facets need them: trimmed, lower-cased, one spelling each, in the order the admin gave.
import type { FieldError } from '@techcorp/platform';
import { type Attributes, MAX_ATTRIBUTE_VALUE_LENGTH } from './product.model.ts';

export type AttributesOutcome = { ok: true; attributes: Attributes } | { ok: false; errors: FieldError[] };

/**
 * Normalises attributes whose shape the schema already checked (key pattern, counts, lengths). Lower-casing can
 * change a value (NFC, trimming, some letters grow), so the length is checked again on the normalised form.
 */
export function normaliseAttributes(raw: Attributes): AttributesOutcome {
  const attributes: Attributes = {};
  const errors: FieldError[] = [];
  for (const key of Object.keys(raw).sort()) {
    const values: string[] = [];
    raw[key]!.forEach((value, i) => {
      const normal = value.normalize('NFC').trim().toLowerCase();
      if (normal.length === 0) errors.push({ field: `attributes.${key}.${i}`, message: 'must not be blank' });
      else if (normal.length > MAX_ATTRIBUTE_VALUE_LENGTH)
        errors.push({
          field: `attributes.${key}.${i}`,
          message: `must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`,
        });
      else if (!values.includes(normal)) values.push(normal);
    });
    attributes[key] = values;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, attributes };
}

/** Same keys with the same values in the same order; key order does not matter (JSONB keeps its own). */
export function sameAttributes(a: Attributes, b: Attributes): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const left = a[key]!;
    const right = Object.hasOwn(b, key) ? b[key]! : undefined;
    return right !== undefined && left.length === right.length && left.every((value, i) => value === right[i]);
  });
}
