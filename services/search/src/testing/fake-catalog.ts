// A stand-in for catalog's public product API: a tiny Fastify app on an ephemeral port serving products a test
// put there, in the list shape (`items`, `next_cursor`) and one by one, with a gate that can hold a page back.
import type { ProductSnapshot } from '@techcorp/contracts';
import Fastify from 'fastify';
import { catalogItem } from './product-fixtures.ts';

export interface FakeCatalog {
  url: string;
  /** Adds or replaces products (by id). Raw objects are served as given (malformed ones included). */
  put(...products: (ProductSnapshot | Record<string, unknown>)[]): void;
  remove(...productIds: string[]): void;
  /** Hold every listing page after the first `pages` until release(). */
  holdAfter(pages: number): void;
  release(): void;
  /** True while a page request is being held back. */
  readonly holding: boolean;
  /** Answer every request with this status (null: normal service again). */
  failWith(status: number | null): void;
  /** Paths requested so far, query strings included. */
  readonly requests: string[];
  close(): Promise<void>;
}

const isSnapshot = (p: ProductSnapshot | Record<string, unknown>): p is ProductSnapshot => 'productId' in p;

export async function startFakeCatalog(options: { pageSize?: number } = {}): Promise<FakeCatalog> {
  const products = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  let failure: number | null = null;
  let holdAfter = Number.POSITIVE_INFINITY;
  let pagesServed = 0;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  let holding = false;

  const app = Fastify();
  app.addHook('onRequest', async (request, reply) => {
    requests.push(request.url);
    if (failure !== null) return reply.code(failure).send({ error: 'unavailable' });
  });
  app.get<{ Querystring: { cursor?: string; limit?: string; include_archived?: string } }>(
    '/api/products',
    async (request) => {
      if (pagesServed >= holdAfter && gate) {
        holding = true;
        await gate.promise;
        holding = false;
      }
      pagesServed += 1;
      // The page size catalog is asked for, unless the test serves smaller pages to exercise the cursor.
      const limit = Math.min(Number(request.query.limit ?? 20), options.pageSize ?? 100);
      const after = request.query.cursor ? Buffer.from(request.query.cursor, 'base64url').toString() : '';
      const ids = [...products.keys()].sort().filter((id) => id > after);
      const page = ids.slice(0, limit);
      const more = ids.length > limit;
      return {
        items: page.map((id) => products.get(id)),
        next_cursor: more ? Buffer.from(page.at(-1)!).toString('base64url') : null,
      };
    },
  );
  app.get<{ Params: { id: string } }>('/api/products/:id', async (request, reply) => {
    const found = products.get(request.params.id.toLowerCase());
    if (!found) return reply.code(404).send({ status: 404, title: 'Not Found' });
    return found;
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  return {
    url,
    put(...items) {
      for (const item of items) {
        const raw = isSnapshot(item) ? (catalogItem(item) as unknown as Record<string, unknown>) : item;
        products.set(String(raw.id).toLowerCase(), raw);
      }
    },
    remove(...ids) {
      for (const id of ids) products.delete(id.toLowerCase());
    },
    holdAfter(pages) {
      holdAfter = pages;
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
      holdAfter = Number.POSITIVE_INFINITY;
    },
    get holding() {
      return holding;
    },
    failWith(status) {
      failure = status;
    },
    requests,
    async close() {
      gate?.open();
      await app.close();
    },
  };
}
