// Pure product rules: which fields an update changes, the price pair, If-Match preconditions and the keyset cursor.
import { sameAttributes } from './attributes.policy.ts';
import {
  PRODUCT_FIELDS,
  type Product,
  type ProductField,
  type ProductFields,
  type ProductImage,
  type ProductPatch,
} from './product.model.ts';

export interface PatchOutcome {
  /** Names of the fields whose value differs from the current product, in PRODUCT_FIELDS order. */
  changes: ProductField[];
  /** Only the differing fields, ready to be written. */
  patch: ProductPatch;
}

const sameImages = (a: readonly ProductImage[], b: readonly ProductImage[]) =>
  a.length === b.length && a.every((image, i) => image.url === b[i]!.url && image.alt === b[i]!.alt);

/** Whether two values of one field are equal: by content for attributes and images, by value otherwise. */
export function sameValue<F extends ProductField>(field: F, a: ProductFields[F], b: ProductFields[F]): boolean {
  if (field === 'attributes') return sameAttributes(a as ProductFields['attributes'], b as ProductFields['attributes']);
  if (field === 'images') return sameImages(a as ProductImage[], b as ProductImage[]);
  return a === b;
}

export function diffProduct(current: ProductFields, requested: ProductPatch): PatchOutcome {
  const changes: ProductField[] = [];
  const patch: Record<string, unknown> = {};
  for (const field of PRODUCT_FIELDS) {
    const value = requested[field];
    if (value === undefined || sameValue(field, current[field], value)) continue;
    changes.push(field);
    patch[field] = value;
  }
  return { changes, patch: patch as ProductPatch };
}

/** The "was" price may not be below the price; null when the pair is fine, else the message for the field. */
export function priceOrderProblem(price: number, originalPrice: number | null): string | null {
  return originalPrice !== null && originalPrice < price
    ? `must not be below the price (${price}); original_price is the price before a discount`
    : null;
}

/** A parsed If-Match header: `*` matches any existing product, otherwise one of the listed versions must. */
export interface VersionPrecondition {
  any: boolean;
  versions: number[];
}

const STRONG_TAG = /^"?([1-9][0-9]{0,9})"?$/;
const WEAK_TAG = /^W\/"[^"]*"$/;

/** Parses If-Match (RFC 9110); null when the header is malformed. Weak tags never match a strong comparison. */
export function parseIfMatch(header: string): VersionPrecondition | null {
  const trimmed = header.trim();
  if (trimmed === '*') return { any: true, versions: [] };
  const versions: number[] = [];
  for (const raw of trimmed.split(',')) {
    const tag = raw.trim();
    const strong = STRONG_TAG.exec(tag);
    if (strong && tag.startsWith('"') === tag.endsWith('"')) versions.push(Number(strong[1]));
    else if (!WEAK_TAG.test(tag)) return null;
  }
  return { any: false, versions };
}

export function satisfiesPrecondition(precondition: VersionPrecondition, version: number): boolean {
  return precondition.any || precondition.versions.includes(version);
}

/** The strong entity tag of a product version, as sent in ETag. */
export const entityTag = (version: number): string => `"${version}"`;

export interface Cursor {
  createdAt: string;
  id: string;
}

const CURSOR_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null for anything this service did not issue, so a forged cursor is a 400 and never reaches SQL. */
export function decodeCursor(raw: string): Cursor | null {
  const [createdAt, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (createdAt === undefined || id === undefined || rest.length > 0 || !UUID.test(id)) return null;
  const stamp = CURSOR_TIMESTAMP.exec(createdAt);
  if (!stamp) return null;
  const parsed = Date.parse(`${stamp[1]}Z`);
  // Round-tripping through Date rejects calendar nonsense such as February 31st.
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 19) !== stamp[1]) return null;
  return { createdAt, id };
}

/** Cuts a page from rows fetched with one extra, which tells whether another page follows. */
export function paginate(rows: readonly Product[], limit: number): { items: Product[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
