// The product as the catalog keeps it: its fields, their public (snake_case) names and the limits on them.

export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** 10^10 minor units: large enough for any catalog price, small enough to stay a safe integer in every sum. */
export const MAX_PRICE = 10_000_000_000;

/** Category and brand slugs, as the taxonomy tables define them. */
export const SLUG_PATTERN = '^[a-z0-9-]{1,60}$';

export const ATTRIBUTE_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
export const MAX_ATTRIBUTE_KEYS = 20;
export const MAX_ATTRIBUTE_VALUES = 50;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 60;
export const MAX_IMAGES = 10;
export const MAX_IMAGE_URL_LENGTH = 2048;
export const MAX_IMAGE_ALT_LENGTH = 300;

/** e.g. { color: ['blue', 'red'], size: ['m', 'l'] }: values lower-cased, without repeats, in the order given. */
export type Attributes = Record<string, string[]>;

export interface ProductImage {
  url: string;
  alt?: string;
}

/** What an admin may set; id, version, stock and timestamps belong to the service. */
export interface ProductFields {
  sku: string;
  title: string;
  description: string;
  price: number;
  /** The "was" price, never below price; null when the product is not on sale. */
  originalPrice: number | null;
  currency: string;
  category: string;
  brand: string;
  attributes: Attributes;
  images: ProductImage[];
  popularityScore: number;
  status: ProductStatus;
}
export type ProductField = keyof ProductFields;
export type ProductPatch = Partial<ProductFields>;

/** The product's state: the admin's fields plus what follows inventory. */
export interface ProductState extends ProductFields {
  inStock: boolean;
}
export type StateField = keyof ProductState;

export interface Product extends ProductState {
  id: string;
  version: number;
  /** ISO 8601 UTC with microseconds, exactly as stored, so a cursor built from it lands on the same row. */
  createdAt: string;
  updatedAt: string;
}

/** Fixed order (the view's), so `changes` lists read the same in every message. */
export const PRODUCT_FIELDS: readonly ProductField[] = [
  'sku',
  'title',
  'description',
  'price',
  'originalPrice',
  'currency',
  'category',
  'brand',
  'attributes',
  'images',
  'popularityScore',
  'status',
];

/** Every state field in view order: what a new product announces as changed. */
export const STATE_FIELDS: readonly StateField[] = [...PRODUCT_FIELDS.slice(0, -1), 'inStock', 'status'];

/** The public name of each field: in the HTTP view, in `changes` of product.updated, and as the column. */
export const FIELD_NAMES: Record<StateField, string> = {
  sku: 'sku',
  title: 'title',
  description: 'description',
  price: 'price',
  originalPrice: 'original_price',
  currency: 'currency',
  category: 'category',
  brand: 'brand',
  attributes: 'attributes',
  images: 'images',
  popularityScore: 'popularity_score',
  inStock: 'in_stock',
  status: 'status',
};

/** The keys of the product view, in order. */
export const VIEW_KEYS: readonly string[] = [
  'id',
  ...STATE_FIELDS.map((field) => FIELD_NAMES[field]),
  'version',
  'created_at',
  'updated_at',
];
