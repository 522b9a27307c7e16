// Loads the demo catalog and stock through the public HTTP APIs as an admin, so it works on any deployment.
import { DEMO_BRANDS, DEMO_CATEGORIES, DEMO_PRODUCTS } from './demo-data.ts';

export interface DemoTarget {
  catalogUrl: string;
  inventoryUrl: string;
  /** The admin's credentials for one request: a bearer token through the gateway, or a gateway-signed context. */
  authorize(method: string, url: URL): Record<string, string>;
}

async function call(url: string, target: DemoTarget, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { ...target.authorize(method, new URL(url)), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function existingSkus(target: DemoTarget): Promise<Set<string>> {
  const skus = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { json } = await call(
      `${target.catalogUrl}/api/products?limit=100&include_archived=true${query}`,
      target,
      'GET',
    );
    for (const item of json.items as { sku: string }[]) skus.add(item.sku);
    cursor = json.next_cursor;
  } while (cursor);
  return skus;
}

/** Upserts the demo categories (parents first) and brands the products name; PUT makes a rerun harmless. */
async function loadTaxonomy(target: DemoTarget): Promise<void> {
  const terms = [
    ...DEMO_CATEGORIES.map(({ slug, ...body }) => [`${target.catalogUrl}/api/categories/${slug}`, body] as const),
    ...DEMO_BRANDS.map(({ slug, ...body }) => [`${target.catalogUrl}/api/brands/${slug}`, body] as const),
  ];
  for (const [url, body] of terms) {
    const res = await call(url, target, 'PUT', body);
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`PUT ${url} failed: ${res.status} ${JSON.stringify(res.json)}`);
  }
}

/** Creates each demo product that is missing and stocks it; products already there are left alone. */
export async function loadDemoData(target: DemoTarget, log: (line: string) => void = console.log): Promise<number> {
  await loadTaxonomy(target);
  const skus = await existingSkus(target);
  let created = 0;
  for (const product of DEMO_PRODUCTS) {
    if (skus.has(product.sku)) continue;
    const { stock, ...fields } = product;
    const res = await call(`${target.catalogUrl}/api/products`, target, 'POST', fields);
    if (res.status !== 201)
      throw new Error(`creating ${product.sku} failed: ${res.status} ${JSON.stringify(res.json)}`);
    for (const s of stock) {
      const warehouse = await call(`${target.inventoryUrl}/api/inventory/warehouses/${s.warehouseId}`, target, 'PUT', {
        name: `Warehouse ${s.warehouseId}`,
      });
      if (warehouse.status !== 200) throw new Error(`creating warehouse ${s.warehouseId} failed: ${warehouse.status}`);
      const restock = await call(`${target.inventoryUrl}/api/inventory/restock`, target, 'POST', {
        product_id: res.json.id,
        warehouse_id: s.warehouseId,
        quantity: s.quantity,
      });
      if (restock.status >= 300)
        throw new Error(`stocking ${product.sku} failed: ${restock.status} ${JSON.stringify(restock.json)}`);
    }
    created += 1;
  }
  log(`demo data: ${created} products created, ${DEMO_PRODUCTS.length - created} already present`);
  return created;
}
