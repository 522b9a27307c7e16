// Reads a product from catalog BEFORE its event's transaction opens, for product.updated events without a snapshot.
//
// The consumer's handler runs inside a database transaction; an HTTP call there would hold a connection for up to
// the catalog timeout times its retries, and on embedded PGlite (one connection shared by every service, catalog
// included) it would wait on itself. So the read happens first, and the handler picks the result up by message id.
import type { Envelope } from '@techcorp/contracts';
import type { Bus } from '@techcorp/platform';
import type { CatalogClient } from './catalog.client.ts';

export type FetchedProduct = { kind: 'found'; raw: unknown } | { kind: 'gone' };

export interface CatalogPrefetch {
  /** The bus to hand startConsumer: each delivery that needs it is preceded by the catalog read. */
  wrap(bus: Bus): Bus;
  /** What catalog answered for this delivery; undefined when nothing was read. */
  take(messageId: string): FetchedProduct | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The product to read for this message, or null (it carries a snapshot, or is not one we index). */
export function productToFetch(message: Envelope): string | null {
  if (message.type !== 'product.updated') return null;
  const data = message.data as { productId?: unknown; product?: unknown } | null;
  if (!data || typeof data !== 'object' || data.product !== undefined) return null;
  return typeof data.productId === 'string' && UUID.test(data.productId) ? data.productId : null;
}

export function createCatalogPrefetch(catalog: CatalogClient): CatalogPrefetch {
  const fetched = new Map<string, FetchedProduct>();
  return {
    wrap(bus) {
      return new Proxy(bus, {
        get(target, prop) {
          if (prop === 'subscribe')
            return ((options, handler) =>
              target.subscribe(options, async (message, info) => {
                const productId = productToFetch(message);
                if (productId === null) return handler(message, info);
                // A failed read throws here, before any transaction: the bus retries the delivery later.
                const raw = await catalog.product(productId);
                fetched.set(message.id, raw === null ? { kind: 'gone' } : { kind: 'found', raw });
                try {
                  await handler(message, info);
                } finally {
                  fetched.delete(message.id);
                }
              })) satisfies Bus['subscribe'];
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    take: (messageId) => fetched.get(messageId),
  };
}
