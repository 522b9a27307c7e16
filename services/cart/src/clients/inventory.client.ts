// Units available per product from inventory over HTTP; a product inventory has never stocked has 0.
import { createGetJson } from './upstream.ts';

export interface InventoryClient {
  available(productId: string): Promise<number>;
  /** In parallel, one request per product. */
  availableMany(productIds: readonly string[]): Promise<Map<string, number>>;
}

export function createInventoryClient(baseUrl: () => string, timeoutMs: number): InventoryClient {
  const get = createGetJson('inventory', timeoutMs);
  const available = async (productId: string) => {
    const { body } = await get<{ available: number }>(`${baseUrl()}/api/inventory/${encodeURIComponent(productId)}`);
    return body ? Math.max(Number(body.available) || 0, 0) : 0;
  };
  return {
    available,
    async availableMany(productIds) {
      const counts = await Promise.all(productIds.map(available));
      return new Map(productIds.map((id, i) => [id, counts[i]!]));
    },
  };
}
