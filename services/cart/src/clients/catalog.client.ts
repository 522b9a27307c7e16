// Products from the catalog over HTTP: one by id to validate a line, a batch (archived included) for the cart view.
import type { Product } from '../cart/cart.model.ts';
import { createGetJson } from './upstream.ts';

export interface CatalogClient {
  /** The product, archived or not; null when the catalog does not know it. */
  product(id: string): Promise<Product | null>;
  /** The products the catalog knows among `ids` (at most 100), archived included. */
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
    async product(id) {
      const { body } = await get<ProductBody>(`${baseUrl()}/api/products/${encodeURIComponent(id)}`);
      return body ? toProduct(body) : null;
    },
    async products(ids) {
      if (ids.length === 0) return new Map();
      const list = ids.map(encodeURIComponent).join(',');
      const url = `${baseUrl()}/api/products?ids=${list}&include_archived=true&limit=100`;
      const { body } = await get<{ items: ProductBody[] }>(url);
      return new Map((body?.items ?? []).map((p) => [p.id.toLowerCase(), toProduct(p)]));
    },
  };
}
