// Reads products from catalog over HTTP (public endpoints): one product for an event without a snapshot, and the
// full listing for a reindex. Every call is bounded by a timeout and retried with backoff (cockatiel).
import { ExponentialBackoff, handleWhen, type IPolicy, retry, TimeoutStrategy, timeout, wrap } from 'cockatiel';

export interface CatalogPage {
  /** Raw items: each is checked (and may be rejected) one by one by the caller. */
  items: unknown[];
  nextCursor: string | null;
}

export interface CatalogClient {
  /** The product as catalog has it now; null when catalog answers 404 (it no longer exists). */
  product(productId: string, signal?: AbortSignal): Promise<unknown | null>;
  /** One page of every product, archived ones included, in catalog's cursor order. */
  page(cursor: string | null, signal?: AbortSignal): Promise<CatalogPage>;
}

export interface CatalogClientOptions {
  /** Read at each call: in the embedded runner catalog's URL is known only once it listens. */
  baseUrl: () => string;
  timeoutMs: number;
  /** Attempts per call, the first included. Default 3. */
  attempts?: number;
  pageSize?: number;
}

/** An answer no retry can change (a 4xx other than 404/408/429, a body of the wrong shape). */
export class CatalogRejected extends Error {
  override readonly name = 'CatalogRejected';
}

const RETRYABLE_STATUS = new Set([408, 429]);

function policyFor(options: CatalogClientOptions): IPolicy {
  return wrap(
    retry(
      handleWhen((error) => !(error instanceof CatalogRejected)),
      {
        maxAttempts: (options.attempts ?? 3) - 1,
        backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }),
      },
    ),
    timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
  );
}

export function createCatalogClient(options: CatalogClientOptions): CatalogClient {
  const policy = policyFor(options);
  const pageSize = options.pageSize ?? 100;

  async function getJson(path: string, signal: AbortSignal | undefined, allow404: boolean): Promise<unknown | null> {
    return policy.execute(async ({ signal: attempt }) => {
      const url = new URL(path, options.baseUrl());
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, attempt]) : attempt,
      });
      if (allow404 && response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const message = `catalog answered ${response.status} to GET ${url.pathname}`;
        if (response.status < 500 && !RETRYABLE_STATUS.has(response.status)) throw new CatalogRejected(message);
        throw new Error(message);
      }
      return response.json();
    }, signal);
  }

  return {
    product: (productId, signal) => getJson(`/api/products/${encodeURIComponent(productId)}`, signal, true),
    async page(cursor, signal) {
      const query = new URLSearchParams({ limit: String(pageSize), include_archived: 'true' });
      if (cursor !== null) query.set('cursor', cursor);
      const body = (await getJson(`/api/products?${query}`, signal, false)) as {
        items?: unknown;
        next_cursor?: unknown;
      } | null;
      if (!body || !Array.isArray(body.items)) throw new CatalogRejected('catalog listing has no items array');
      const next = body.next_cursor;
      if (next !== null && next !== undefined && typeof next !== 'string')
        throw new CatalogRejected('catalog listing has an invalid next_cursor');
      return { items: body.items, nextCursor: typeof next === 'string' && next.length > 0 ? next : null };
    },
  };
}
