// Replays the event store as the integration events it implies, one page of orders at a time, so read models
// elsewhere can be rebuilt from scratch over HTTP (no service reads another's schema).
import { createHash } from 'node:crypto';
import type { Envelope } from '@techcorp/contracts';
import type { SqlExecutor } from '@techcorp/platform';
import { listOrderIds, loadEventsOf } from './event-store.sql.ts';
import { toIntegrationEvents } from './integration-events.ts';
import { evolve, initialState } from './order.decider.ts';
import type { AppliedEvent } from './order-stream.ts';

export interface ReplayPage {
  messages: Envelope[];
  /** Pass back as `after` for the next page; null when the store is exhausted. */
  nextAfter: string | null;
}

/** Stable message id per (order, version), so a replayed message is recognisable as the same one twice. */
function replayId(orderId: string, version: number): string {
  const h = createHash('sha256').update(`${orderId}:${version}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function replayOrders(db: SqlExecutor, after: string | null, limit: number): Promise<ReplayPage> {
  const ids = await listOrderIds(db, after, limit);
  const events = await loadEventsOf(db, ids);
  const messages: Envelope[] = [];
  for (const orderId of ids) {
    let state = initialState();
    for (const stored of events.get(orderId) ?? []) {
      state = evolve(state, stored.event);
      const step: AppliedEvent = { event: stored.event, state, version: stored.version };
      const meta = { correlationId: `replay:${orderId}`, causationId: null, traceparent: null };
      for (const message of toIntegrationEvents([step], meta))
        messages.push({
          ...message,
          id: replayId(orderId, stored.version),
          occurredAt: stored.timestamp.toISOString(),
        });
    }
  }
  return { messages, nextAfter: ids.length === limit ? (ids.at(-1) ?? null) : null };
}
