// Test doubles for catalog and inventory: small real HTTP servers (port 0) serving the batch reads the cart uses, in
// their public shapes and limits, so a test controls prices, status, currency and stock, counts the calls, and can
// take either one down.
import { randomUUID } from 'node:crypto';
import { MAX_BATCH_IDS } from '@techcorp/platform';
import Fastify, { type FastifyInstance } from 'fastify';

export interface FakeProduct {
  id: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  status: 'ACTIVE' | 'ARCHIVED';
}

export interface FakeUpstreams {
  catalogUrl: string;
  inventoryUrl: string;
  /** Adds (or replaces) a product and its stock; returns its id. */
  product(spec?: Partial<FakeProduct> & { available?: number }): string;
  update(id: string, changes: Partial<Omit<FakeProduct, 'id'>>): void;
  setAvailable(id: string, available: number | null): void;
  /** While down, the service answers 503 to everything. */
  setDown(service: 'catalog' | 'inventory', down: boolean): void;
  /** Paths requested so far, per service. */
  calls: { catalog: string[]; inventory: string[] };
  close(): Promise<void>;
}

/** The distinct lower-cased ids of a batch read; null when there are none or more than the real services take. */
function idsOf(raw: string | undefined): string[] | null {
  const ids = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .filter(Boolean)
        .map((id) => id.toLowerCase()),
    ),
  ];
  return ids.length === 0 || ids.length > MAX_BATCH_IDS ? null : ids;
}

export async function startFakeUpstreams(): Promise<FakeUpstreams> {
  const products = new Map<string, FakeProduct>();
  const stock = new Map<string, number>();
  const down = { catalog: false, inventory: false };
  const calls = { catalog: [] as string[], inventory: [] as string[] };
  const view = (p: FakeProduct) => ({
    ...p,
    description: '',
    category: 'test',
    brand: 'test',
    version: 1,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  });

  const catalog = Fastify();
  catalog.addHook('onRequest', async (request, reply) => {
    calls.catalog.push(request.url);
    if (down.catalog) return reply.code(503).send({ status: 503 });
  });
  catalog.get<{ Querystring: { ids?: string; include_archived?: string } }>('/api/products', async (request, reply) => {
    const ids = idsOf(request.query.ids);
    if (ids === null) return reply.code(400).send({ status: 400, detail: 'bad ids' });
    const archived = request.query.include_archived === 'true';
    const items = ids
      .map((id) => products.get(id))
      .filter((p): p is FakeProduct => p !== undefined && (archived || p.status === 'ACTIVE'))
      .map(view);
    return { items, next_cursor: null };
  });

  const inventory = Fastify();
  inventory.addHook('onRequest', async (request, reply) => {
    calls.inventory.push(request.url);
    if (down.inventory) return reply.code(503).send({ status: 503 });
  });
  inventory.get<{ Querystring: { ids?: string } }>('/api/inventory', async (request, reply) => {
    const ids = idsOf(request.query.ids);
    if (ids === null) return reply.code(400).send({ status: 400, detail: 'bad ids' });
    const items = ids.flatMap((id) => {
      const available = stock.get(id);
      return available === undefined
        ? []
        : [{ product_id: id, on_hand: available, reserved: 0, available, warehouses: [] }];
    });
    return { items };
  });

  const listen = (app: FastifyInstance) => app.listen({ host: '127.0.0.1', port: 0 });
  const [catalogUrl, inventoryUrl] = await Promise.all([listen(catalog), listen(inventory)]);
  return {
    catalogUrl,
    inventoryUrl,
    product(spec = {}) {
      const id = spec.id ?? randomUUID();
      products.set(id, {
        id,
        sku: spec.sku ?? `SKU-${id.slice(0, 8).toUpperCase()}`,
        title: spec.title ?? `Product ${id.slice(0, 8)}`,
        price: spec.price ?? 1000,
        currency: spec.currency ?? 'BRL',
        status: spec.status ?? 'ACTIVE',
      });
      stock.set(id, spec.available ?? 100);
      return id;
    },
    update(id, changes) {
      const product = products.get(id);
      if (!product) throw new Error(`no fake product ${id}`);
      products.set(id, { ...product, ...changes });
    },
    setAvailable(id, available) {
      if (available === null) stock.delete(id);
      else stock.set(id, available);
    },
    setDown(service, value) {
      down[service] = value;
    },
    calls,
    async close() {
      await Promise.all([catalog.close(), inventory.close()]);
    },
  };
}
