// Units available per product from inventory's batch stock read over HTTP; a product never stocked has 0.
import { unavailable } from '@techcorp/platform';
import { createGetJson, inBatches } from './upstream.ts';

export interface InventoryClient {
  /** Every one of `productIds` with its available units (one request per 100 ids). */
  availableMany(productIds: readonly string[]): Promise<Map<string, number>>;
}

interface StockBody {
  product_id: string;
  available: number;
}

export function createInventoryClient(baseUrl: () => string, timeoutMs: number): InventoryClient {
  const get = createGetJson('inventory', timeoutMs);
  return {
    async availableMany(productIds) {
      const found = await inBatches(productIds, async (batch) => {
        const ids = batch.map(encodeURIComponent).join(',');
        const { body } = await get<{ items: StockBody[] }>(`${baseUrl()}/api/inventory?ids=${ids}`);
        // The batch read never answers 404: an inventory without it must not read as "nothing in stock".
        if (!body) throw unavailable('inventory could not be reached; the cart was not changed');
        return body.items.map((s) => [s.product_id.toLowerCase(), Math.max(Number(s.available) || 0, 0)] as const);
      });
      return new Map(productIds.map((id) => [id, found.get(id) ?? 0]));
    },
  };
}
