// Prices come from the catalog over HTTP (never from the client); bounded by a timeout and a short retry.

import { unavailable } from '@techcorp/platform';
import { ExponentialBackoff, handleAll, retry, TimeoutStrategy, timeout, wrap } from 'cockatiel';

export interface CatalogProduct {
  id: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  status: string;
}

export interface CatalogClient {
  /** Products by id; unknown ids are absent from the map. */
  getProducts(ids: readonly string[]): Promise<Map<string, CatalogProduct>>;
}

export function createCatalogClient(baseUrl: string, timeoutMs = 2000): CatalogClient {
  const policy = wrap(
    retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) }),
    timeout(timeoutMs, TimeoutStrategy.Aggressive),
  );
  return {
    async getProducts(ids) {
      const url = `${baseUrl}/api/products?limit=100&include_archived=true&ids=${ids.map(encodeURIComponent).join(',')}`;
      let body: { items: CatalogProduct[] };
      try {
        body = await policy.execute(async ({ signal }) => {
          const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
          if (!response.ok) throw new Error(`catalog answered ${response.status}`);
          return (await response.json()) as { items: CatalogProduct[] };
        });
      } catch {
        throw unavailable('the catalog could not be reached to price the order; nothing was ordered');
      }
      return new Map(body.items.map((p) => [p.id, p]));
    },
  };
}
