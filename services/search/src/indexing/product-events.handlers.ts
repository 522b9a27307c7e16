// The indexing consumer: product.updated upserts the product by version (or removes it when catalog no longer has
// it), in the transaction that records the message in the inbox.
import { type Envelope, type ProductSnapshot, ProductUpdated } from '@techcorp/contracts';
import { type AfterCommit, type Counter, PermanentMessageError, type TransactionalHandler } from '@techcorp/platform';
import type { IndexDocument, IndexWriter, SearchEngine } from '../engine/search-engine.ts';
import type { CatalogPrefetch } from './catalog-prefetch.ts';
import { documentFromCatalog, documentFromSnapshot } from './product-document.ts';

export const PRODUCT_QUEUE = 'search.product-events';

export type IndexOutcome = 'inserted' | 'updated' | 'removed' | 'stale';

export interface ProductEventDeps {
  engine: SearchEngine;
  prefetch: CatalogPrefetch;
  /** The index lag (seconds) of each change, handed over once its message committed. */
  afterCommit: AfterCommit<number>;
  /** Messages handled by outcome. */
  indexed: Counter<'outcome'>;
}

interface ProductUpdatedData {
  productId: string;
  product?: ProductSnapshot;
}

/** The catalog read done before the transaction, as a document (or null: catalog no longer has the product). */
function fetchedDocument(deps: ProductEventDeps, message: Envelope, productId: string): IndexDocument | null {
  const fetched = deps.prefetch.take(message.id);
  if (fetched === undefined) throw new Error(`product ${productId} was not read from catalog before indexing`);
  if (fetched.kind === 'gone') return null;
  const mapped = documentFromCatalog(fetched.raw);
  if ('error' in mapped) throw new PermanentMessageError(mapped.error);
  if (mapped.doc.productId !== productId.toLowerCase())
    throw new PermanentMessageError(`catalog answered product ${mapped.doc.productId} for ${productId}`);
  return mapped.doc;
}

async function apply(writer: IndexWriter, doc: IndexDocument | null, productId: string) {
  if (doc === null) {
    const removed = await writer.remove(productId.toLowerCase());
    return removed ? { outcome: 'removed' as const, indexedAt: new Date() } : { outcome: 'stale' as const };
  }
  const result = await writer.upsert(doc);
  return result.kind === 'stale'
    ? { outcome: 'stale' as const }
    : { outcome: result.kind, indexedAt: result.indexedAt };
}

export function productEventHandlers(deps: ProductEventDeps): Record<string, TransactionalHandler> {
  const onProductUpdated: TransactionalHandler = async (tx, message) => {
    deps.afterCommit.reset(message.id);
    const data = message.data as ProductUpdatedData;
    if (data.product && data.product.productId.toLowerCase() !== data.productId.toLowerCase())
      throw new PermanentMessageError(`snapshot of ${data.product.productId} in an event for ${data.productId}`);
    // Older events carry no snapshot: the product as catalog has it now stands in (its version still orders it).
    const doc = data.product ? documentFromSnapshot(data.product) : fetchedDocument(deps, message, data.productId);
    const result = await apply(deps.engine.writer(tx), doc, data.productId);
    deps.indexed.inc({ outcome: result.outcome });
    if (result.outcome !== 'stale') {
      const lag = Math.max(0, result.indexedAt.getTime() - Date.parse(message.occurredAt)) / 1000;
      deps.afterCommit.record(message.id, lag);
    }
  };
  return { [ProductUpdated.type]: onProductUpdated };
}
