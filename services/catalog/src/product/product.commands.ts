// Product writes: each commits the product change and its product.updated message in one transaction.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, ProductUpdated } from '@techcorp/contracts';
import { AppError, currentContext, enqueueOutbox, notFound, preconditionFailed, type Sql } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  diffProduct,
  PRODUCT_FIELDS,
  type Product,
  type ProductField,
  type ProductFields,
  type ProductPatch,
  satisfiesPrecondition,
  type VersionPrecondition,
} from './product.policy.ts';
import { DuplicateSkuError, type ProductRepository } from './product.sql.ts';

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

export function createProductCommands({ sql, products, afterCommit }: ProductCommandsDeps): ProductCommands {
  return {
    async create(fields) {
      const product = await withSkuConflict(fields.sku, () =>
        sql.transaction(async (tx) => {
          // UUID v7: ids rise with time, so products created in the same clock tick still list in creation order.
          const created = await products.insert(tx, uuidv7(), fields);
          await enqueueOutbox(tx, [productUpdated(created, PRODUCT_FIELDS)]);
          return created;
        }),
      );
      afterCommit('created');
      return product;
    },

    async update(id, requested, precondition) {
      const { product, outcome } = await withSkuConflict(requested.sku ?? '', () =>
        sql.transaction(async (tx) => {
          const current = await products.lockById(tx, id);
          if (!current) throw notFound(`product ${id} not found`);
          if (precondition && !satisfiesPrecondition(precondition, current.version))
            throw preconditionFailed(`product ${id} is at version ${current.version}, not the one in If-Match`);
          const { changes, patch } = diffProduct(current, requested);
          if (changes.length === 0) return { product: current, outcome: 'unchanged' as const };
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

async function withSkuConflict<T>(sku: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DuplicateSkuError) throw duplicateSku(sku);
    throw error;
  }
}

function productUpdated(product: Product, changes: readonly ProductField[]): Envelope {
  const context = currentContext();
  return createMessage(
    ProductUpdated,
    { productId: product.id, changes: [...changes], updatedAt: product.updatedAt },
    {
      aggregateId: product.id,
      correlationId: context?.correlationId ?? randomUUID(),
      causationId: context?.causationId ?? null,
      traceparent: context?.traceparent ?? null,
    },
  );
}
