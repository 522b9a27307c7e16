// What changed between two states of an entity, as history's `{ field: { from, to } }` (pure).

export interface FieldChange {
  from: unknown;
  to: unknown;
}
export type Changes = Record<string, FieldChange>;

/** Any object of fields (an interface too); values may nest. */
type State = object;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** Nested objects become dotted leaves (`notifications.sms.promotions`), so a change names exactly what moved. */
function flatten(state: State | null, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (state === null) return out;
  for (const [key, value] of Object.entries(state)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) flatten(value, path, out);
    else out.set(path, value === undefined ? null : value instanceof Date ? value.toISOString() : value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields whose value differs, in field order; `before` null means created (every non-null field from null),
 * `after` null means deleted. A field absent on one side counts as null there. Equal states give `{}`.
 */
export function diffStates(before: State | null, after: State | null): Changes {
  const from = flatten(before);
  const to = flatten(after);
  const fields = [...new Set([...from.keys(), ...to.keys()])].sort();
  const changes: Changes = {};
  for (const field of fields) {
    const a = from.get(field) ?? null;
    const b = to.get(field) ?? null;
    if (!same(a, b)) changes[field] = { from: a, to: b };
  }
  return changes;
}

export const hasChanges = (changes: Changes): boolean => Object.keys(changes).length > 0;
