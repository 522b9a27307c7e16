// The shopping benchmark's operations as variants to time: each search shape and autocomplete hot and cold (anonymous,
// as shoppers browse), and the cart calls of registered customers, each on their own cart, over one route or both.
import type { Api, Route } from './api.ts';
import type { Customer } from './identities.ts';
import type { SearchCacheFlusher } from './search-cache.ts';
import { type QueryShape, SEARCH_SHAPES, SUGGEST_SHAPE, type Temperature } from './shop-queries.ts';

/** One thing to time: the i-th request of it, and which answers count as success. */
export interface Variant {
  operation: string;
  route: Route;
  /** Search and suggest only. */
  temperature: Temperature | null;
  send: (i: number) => Promise<number>;
  ok: (status: number) => boolean;
  /** Untimed, right before each request (cold searches: empty the query cache). */
  prepare?: () => Promise<void>;
}

const is200 = (status: number) => status === 200;

/** Cold requests sent so far per shape, over every route and phase: each phase walks on through the vocabulary. */
const coldSent = new Map<string, number>();

/** Hot and cold over each route; every cold request follows an emptied cache. */
function queryVariants(apis: Api[], shape: QueryShape, cache: SearchCacheFlusher): Variant[] {
  const nextCold = () => {
    const n = coldSent.get(shape.name) ?? 0;
    coldSent.set(shape.name, n + 1);
    return n;
  };
  return apis.flatMap((api) =>
    (['hot', 'cold'] as const).map((temperature) => ({
      operation: shape.name,
      route: api.route,
      temperature,
      send: async (i: number) => {
        const path = shape.path(temperature, temperature === 'hot' ? i : nextCold());
        return (await api.send(null, 'GET', path)).status;
      },
      ok: is200,
      ...(temperature === 'cold' ? { prepare: () => cache.flush() } : {}),
    })),
  );
}

/** Per shape (the search mix, then autocomplete), its hot and cold variants over each route. */
export function searchOperations(apis: Api[], cache: SearchCacheFlusher): Variant[][] {
  return [...SEARCH_SHAPES, SUGGEST_SHAPE].map((shape) => queryVariants(apis, shape, cache));
}

/**
 * Carts: customer c adds from its own `linesPerCart` amply stocked products in turn, one unit at a time, so a cart holds
 * at most that many lines (later adds raise quantities) and every add, view and change costs the same over the run.
 */
export class Carts {
  readonly customers: Customer[];
  private readonly products: string[][];
  private readonly added = new Map<string, number>();
  private readonly lines = new Map<string, string[]>();
  private readonly changes = new Map<string, number>();

  constructor(customers: Customer[], inStock: string[], linesPerCart: number) {
    if (inStock.length === 0) throw new Error('no product has ample stock: nothing to add to a cart');
    this.customers = customers;
    this.products = customers.map((_, c) =>
      Array.from({ length: linesPerCart }, (_, j) => inStock[(c * linesPerCart + j * 7919) % inStock.length]!),
    );
  }

  /** POST /api/cart/items: one unit of the customer's next product. */
  async add(api: Api, c: number): Promise<number> {
    const customer = this.customers[c]!;
    const k = this.added.get(customer.userId) ?? 0;
    this.added.set(customer.userId, k + 1);
    const productId = this.products[c]![k % this.products[c]!.length]!;
    const res = await api.send(customer, 'POST', '/api/cart/items', { body: { product_id: productId, quantity: 1 } });
    if (res.status === 200)
      this.lines.set(
        customer.userId,
        (res.body.lines ?? []).map((l: { product_id: string }) => l.product_id),
      );
    return res.status;
  }

  async view(api: Api, c: number): Promise<number> {
    return (await api.send(this.customers[c]!, 'GET', '/api/cart')).status;
  }

  /** PATCH /api/cart/items/{id}: a line's quantity set to 2, then 3, then 2 ... (each one a real change). */
  async change(api: Api, c: number): Promise<number> {
    const customer = this.customers[c]!;
    const lines = this.lines.get(customer.userId) ?? [];
    if (lines.length === 0) return 0; // nothing added yet: counted as an error, never silently skipped
    const k = this.changes.get(customer.userId) ?? 0;
    this.changes.set(customer.userId, k + 1);
    const productId = lines[k % lines.length]!;
    const quantity = 2 + (Math.floor(k / lines.length) % 2);
    const res = await api.send(customer, 'PATCH', `/api/cart/items/${productId}`, { body: { quantity } });
    return res.status;
  }
}

export function cartOperations(apis: Api[], carts: Carts): Variant[][] {
  const who = (i: number) => i % carts.customers.length;
  const variants = (operation: string, call: (api: Api, c: number) => Promise<number>) =>
    apis.map((api) => ({
      operation,
      route: api.route,
      temperature: null,
      send: (i: number) => call(api, who(i)),
      ok: is200,
    }));
  return [
    variants('add to cart (POST /api/cart/items)', (api, c) => carts.add(api, c)),
    variants('get cart (GET /api/cart)', (api, c) => carts.view(api, c)),
    variants('change quantity (PATCH /api/cart/items/{id})', (api, c) => carts.change(api, c)),
  ];
}
