// Products from the catalog over HTTP: batches by id (archived included), to check lines and to show the cart.

import { MAX_BATCH_IDS } from '@techcorp/platform';
import type { Product } from '../cart/cart.model.ts';
import { createGetJson, inBatches } from './upstream.ts';

export interface CatalogClient {
  /** The products the catalog knows among `ids`, archived included (one request per 100 ids). */
  products(ids: readonly string[]): Promise<Map<string, Product>>;
}

interface ProductBody {
  id: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  status: string;
}

const toProduct = (p: ProductBody): Product => ({
  id: p.id.toLowerCase(),
  sku: p.sku,
  title: p.title,
  price: p.price,
  currency: p.currency,
  status: p.status,
});

export function createCatalogClient(baseUrl: () => string, timeoutMs: number): CatalogClient {
  const get = createGetJson('the catalog', timeoutMs);
  return {
    products(ids) {
      return inBatches(ids, async (batch) => {
        const list = batch.map(encodeURIComponent).join(',');
        const url = `${baseUrl()}/api/products?ids=${list}&include_archived=true&limit=${MAX_BATCH_IDS}`;
        const { body } = await get<{ items: ProductBody[] }>(url);
        return (body?.items ?? []).map((p) => [p.id.toLowerCase(), toProduct(p)] as const);
      });
    },
  };
}
