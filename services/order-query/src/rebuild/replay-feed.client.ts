// Reads the orders service's admin replay feed: the event store as integration events, one page of orders at a time.
import { type Envelope, validateEnvelope } from '@techcorp/contracts';

export interface ReplayPage {
  messages: Envelope[];
  /** Pass back as `after`; null once the store is exhausted. */
  nextAfter: string | null;
}

export interface ReplayFeed {
  page(after: string | null, signal: AbortSignal): Promise<ReplayPage>;
}

export interface ReplayFeedOptions {
  /** Read at each call: in the embedded runner the orders URL is known only once orders listens. */
  baseUrl: () => string;
  adminToken: string | undefined;
  pageSize: number;
  timeoutMs?: number;
}

export function createReplayFeed(options: ReplayFeedOptions): ReplayFeed {
  return {
    async page(after, signal) {
      if (!options.adminToken) throw new Error('ADMIN_API_TOKEN is not set: the orders replay feed needs it');
      const url = new URL('/api/orders/replay', options.baseUrl());
      url.searchParams.set('limit', String(options.pageSize));
      if (after) url.searchParams.set('after', after);
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.adminToken}`, accept: 'application/json' },
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 15_000)]),
      });
      if (!response.ok) throw new Error(`orders replay feed answered ${response.status}`);
      const body = (await response.json()) as { messages?: unknown; next_after?: unknown };
      if (!Array.isArray(body.messages)) throw new Error('orders replay feed: no messages array');
      const nextAfter = typeof body.next_after === 'string' ? body.next_after : null;
      return { messages: body.messages.map((m) => validateEnvelope(m)), nextAfter };
    },
  };
}
