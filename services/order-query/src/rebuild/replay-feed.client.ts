// Reads the orders service's admin replay feed: the event store as integration events, one page of orders at a time.
import { type Envelope, validateEnvelope } from '@techcorp/contracts';
import type { TokenSource } from '@techcorp/platform';

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
  /** This service's client-credentials tokens (SERVICE role); null when it has no client configured. */
  tokens: TokenSource | null;
  pageSize: number;
  timeoutMs?: number;
}

export function createReplayFeed(options: ReplayFeedOptions): ReplayFeed {
  return {
    async page(after, signal) {
      const tokens = options.tokens;
      if (!tokens)
        throw new Error('SERVICE_CLIENT_ID/SERVICE_CLIENT_SECRET are not set: the orders replay feed needs them');
      const url = new URL('/api/orders/replay', options.baseUrl());
      url.searchParams.set('limit', String(options.pageSize));
      if (after) url.searchParams.set('after', after);
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${await tokens.accessToken()}`, accept: 'application/json' },
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 15_000)]),
      });
      if (response.status === 401) tokens.invalidate();
      if (!response.ok) throw new Error(`orders replay feed answered ${response.status}`);
      const body = (await response.json()) as { messages?: unknown; next_after?: unknown };
      if (!Array.isArray(body.messages)) throw new Error('orders replay feed: no messages array');
      const nextAfter = typeof body.next_after === 'string' ? body.next_after : null;
      return { messages: body.messages.map((m) => validateEnvelope(m)), nextAfter };
    },
  };
}
