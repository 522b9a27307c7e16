// Product writes: each commits the product change and its product.updated message in one transaction.
import { AppError, enqueueOutbox, notFound, preconditionFailed, type Sql, unprocessable } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { productUpdated } from './product.events.ts';
import { assertPriceOrder } from './product.input.ts';
import { type Product, type ProductFields, type ProductPatch, STATE_FIELDS } from './product.model.ts';
import { diffProduct, satisfiesPrecondition, type VersionPrecondition } from './product.policy.ts';
import { DuplicateSkuError, MissingReferenceError, type ProductRepository } from './product.sql.ts';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface ProductCommandsDeps {
  sql: Sql;
  products: ProductRepository;
  /** Called after a commit, e.g. to nudge the outbox relay and count the write. */
  afterCommit: (outcome: WriteOutcome) => void;
}

export interface ProductCommands {
  create(fields: ProductFields): Promise<Product>;
  /** Applies the given fields; a request that changes nothing leaves version and bus untouched. */
  update(id: string, requested: ProductPatch, precondition: VersionPrecondition | null): Promise<Product>;
}

export const duplicateSku = (sku: string) =>
  new AppError(409, 'conflict', `a product with sku ${sku} already exists`, [
    { field: 'sku', message: 'is already used by another product' },
  ]);

const missingReferences = (fields: readonly ('category' | 'brand')[]) =>
  unprocessable(
    `no such ${fields.join(' or ')}`,
    fields.map((field) => ({ field, message: `is not a known ${field}; create it first` })),
  );

export function createProductCommands({ sql, products, afterCommit }: ProductCommandsDeps): ProductCommands {
  return {
    async create(fields) {
      const product = await translated(fields.sku, () =>
        sql.transaction(async (tx) => {
          const missing = await products.missingReferences(tx, { category: fields.category, brand: fields.brand });
          if (missing.length > 0) throw missingReferences(missing);
          // UUID v7: ids rise with time, so products created in the same clock tick still list in creation order.
          const created = await products.insert(tx, uuidv7(), fields);
          await enqueueOutbox(tx, [productUpdated(created, STATE_FIELDS)]);
          return created;
        }),
      );
      afterCommit('created');
      return product;
    },

    async update(id, requested, precondition) {
      const { product, outcome } = await translated(requested.sku ?? '', () =>
        sql.transaction(async (tx) => {
          const current = await products.lockById(tx, id);
          if (!current) throw notFound(`product ${id} not found`);
          if (precondition && !satisfiesPrecondition(precondition, current.version))
            throw preconditionFailed(`product ${id} is at version ${current.version}, not the one in If-Match`);
          const { changes, patch } = diffProduct(current, requested);
          if (changes.length === 0) return { product: current, outcome: 'unchanged' as const };
          assertPriceOrder({ ...current, ...patch }, requested);
          const missing = await products.missingReferences(tx, { category: patch.category, brand: patch.brand });
          if (missing.length > 0) throw missingReferences(missing);
          const updated = await products.update(tx, id, patch);
          await enqueueOutbox(tx, [productUpdated(updated, changes)]);
          return { product: updated, outcome: 'updated' as const };
        }),
      );
      afterCommit(outcome);
      return product;
    },
  };
}

async function translated<T>(sku: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DuplicateSkuError) throw duplicateSku(sku);
    if (error instanceof MissingReferenceError) throw missingReferences([error.field]);
    throw error;
  }
}
