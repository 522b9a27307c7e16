// Pure product rules: which fields an update changes, If-Match preconditions and the opaque keyset cursor.

export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** 10^10 minor units: large enough for any catalog price, small enough to stay a safe integer in every sum. */
export const MAX_PRICE = 10_000_000_000;

/** What an admin may set; id, version and timestamps belong to the service. */
export interface ProductFields {
  sku: string;
  title: string;
  description: string;
  price: number;
  currency: string;
  category: string;
  brand: string;
  status: ProductStatus;
}
export type ProductField = keyof ProductFields;
export type ProductPatch = Partial<ProductFields>;

export interface Product extends ProductFields {
  id: string;
  version: number;
  /** ISO 8601 UTC with microseconds, exactly as stored, so a cursor built from it lands on the same row. */
  createdAt: string;
  updatedAt: string;
}

/** Fixed order, so `changes` lists read the same in every message. */
export const PRODUCT_FIELDS: readonly ProductField[] = [
  'sku',
  'title',
  'description',
  'price',
  'currency',
  'category',
  'brand',
  'status',
];

export interface PatchOutcome {
  /** Names of the fields whose value differs from the current product, in PRODUCT_FIELDS order. */
  changes: ProductField[];
  /** Only the differing fields, ready to be written. */
  patch: ProductPatch;
}

export function diffProduct(current: ProductFields, requested: ProductPatch): PatchOutcome {
  const changes: ProductField[] = [];
  const patch: Record<string, unknown> = {};
  for (const field of PRODUCT_FIELDS) {
    const value = requested[field];
    if (value === undefined || value === current[field]) continue;
    changes.push(field);
    patch[field] = value;
  }
  return { changes, patch: patch as ProductPatch };
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

/** Splits the `ids` filter, lower-cased and without repeats (the schema already checked each is a UUID). */
export function parseIds(raw: string): string[] {
  return [...new Set(raw.split(',').map((id) => id.trim().toLowerCase()))];
}
