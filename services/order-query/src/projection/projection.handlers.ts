// The projection consumer's handlers: every order.* event upserts the read model from its snapshot.
import {
  type Envelope,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderFailed,
  type OrderSnapshot,
  OrderStatusChanged,
} from '@techcorp/contracts';
import type { AfterCommit, Counter, Histogram, TransactionalHandler } from '@techcorp/platform';
import { rebuildInProgress } from '../rebuild/rebuild.sql.ts';
import { LIVE_TABLES, SHADOW_TABLES } from './projection.sql.ts';
import { type ApplyResult, applySnapshot } from './projector.ts';

export const PROJECTION_QUEUE = 'order-query.projection';
export const PROJECTED_EVENTS = [OrderCreated, OrderConfirmed, OrderFailed, OrderCancelled, OrderStatusChanged];

export interface ProjectionDeps {
  /** The customers whose cached answers a message changes, handed over once it committed. */
  afterCommit: AfterCommit<string>;
  /** Seconds from the event's occurredAt to its projection. */
  lag: Histogram<'type'>;
  projected: Counter<'type' | 'outcome'>;
}

export function projectionHandlers(deps: ProjectionDeps): Record<string, TransactionalHandler> {
  const project: TransactionalHandler = async (tx, message) => {
    const snapshot = snapshotOf(message);
    deps.afterCommit.reset(message.id);
    // The flag first: the swap locks it before the tables, so taking it first cannot deadlock with a swap.
    const rebuilding = await rebuildInProgress(tx);
    const live = await applySnapshot(tx, LIVE_TABLES, snapshot);
    // While a rebuild runs, every change also reaches the shadow tables (same upsert-if-newer), so the rebuilt
    // model has caught up with everything the replay feed had already passed when it is swapped in.
    if (rebuilding) await applySnapshot(tx, SHADOW_TABLES, snapshot);
    if (live.applied) deps.afterCommit.record(message.id, snapshot.customerId);
    deps.projected.inc({ type: message.type, outcome: outcomeLabel(live) });
    deps.lag.observe({ type: message.type }, Math.max(0, Date.now() - Date.parse(message.occurredAt)) / 1000);
  };
  return Object.fromEntries(PROJECTED_EVENTS.map((def) => [def.type, project]));
}

function outcomeLabel(result: ApplyResult): string {
  if (result.applied) return 'applied';
  return result.decision.kind === 'skip' ? result.decision.reason : 'superseded';
}

/** Every order event carries the whole order after it; startConsumer has validated the payload already. */
export function snapshotOf(message: Envelope): OrderSnapshot {
  return (message.data as { snapshot: OrderSnapshot }).snapshot;
}
