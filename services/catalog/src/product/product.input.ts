// Turns schema-checked HTTP bodies (snake_case) into product fields: URL rules, attribute normalisation, price pair.
import { type FieldError, validationError } from '@techcorp/platform';
import { normaliseAttributes } from './attributes.policy.ts';
import { checkImageUrl } from './image-url.policy.ts';
import type { Attributes, ProductFields, ProductImage, ProductPatch } from './product.model.ts';
import { priceOrderProblem } from './product.policy.ts';
import type { CreateProductBody, UpdateProductBody } from './product.schemas.ts';

/** Fields of a new product; throws a 400 naming every field that breaks a rule the schema cannot express. */
export function createInput(body: CreateProductBody): ProductFields {
  const errors: FieldError[] = [];
  const fields: ProductFields = {
    sku: body.sku,
    title: body.title,
    description: body.description ?? '',
    price: body.price,
    originalPrice: body.original_price ?? null,
    currency: body.currency,
    category: body.category,
    brand: body.brand,
    attributes: attributesOf(body.attributes ?? {}, errors),
    images: imagesOf(body.images ?? [], errors),
    popularityScore: body.popularity_score ?? 0,
    status: 'ACTIVE',
  };
  const order = priceOrderProblem(fields.price, fields.originalPrice);
  if (order) errors.push({ field: 'original_price', message: order });
  throwIfAny(errors);
  return fields;
}

/** The requested changes; rules spanning the stored product (the price pair) are checked when it is locked. */
export function updateInput(body: UpdateProductBody): ProductPatch {
  const errors: FieldError[] = [];
  const patch: ProductPatch = {
    sku: body.sku,
    title: body.title,
    description: body.description,
    price: body.price,
    originalPrice: body.original_price,
    currency: body.currency,
    category: body.category,
    brand: body.brand,
    attributes: body.attributes === undefined ? undefined : attributesOf(body.attributes, errors),
    images: body.images === undefined ? undefined : imagesOf(body.images, errors),
    popularityScore: body.popularity_score,
    status: body.status,
  };
  throwIfAny(errors);
  return patch;
}

/** After merging a patch into the stored product: a 400 when price and original_price no longer fit together. */
export function assertPriceOrder(
  merged: Pick<ProductFields, 'price' | 'originalPrice'>,
  requested: ProductPatch,
): void {
  const problem = priceOrderProblem(merged.price, merged.originalPrice);
  if (!problem) return;
  // Name the field the caller sent: lowering original_price, or raising price above the stored one.
  const field = requested.originalPrice !== undefined ? 'original_price' : 'price';
  const message = field === 'price' ? `must not exceed the original_price (${merged.originalPrice})` : problem;
  throw validationError('price and original_price do not fit together', [{ field, message }]);
}

function attributesOf(raw: Attributes, errors: FieldError[]): Attributes {
  const outcome = normaliseAttributes(raw);
  if (outcome.ok) return outcome.attributes;
  errors.push(...outcome.errors);
  return {};
}

function imagesOf(raw: readonly ProductImage[], errors: FieldError[]): ProductImage[] {
  return raw.map((image, i) => {
    const check = checkImageUrl(image.url);
    if (!check.ok) {
      errors.push({ field: `images.${i}.url`, message: check.message });
      return image;
    }
    return image.alt === undefined ? { url: check.url } : { url: check.url, alt: image.alt };
  });
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationError('invalid product', errors);
}
