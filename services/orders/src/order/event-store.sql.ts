// The order event store (seed 003 schema): append with an expected version, load a stream.
import type { SqlExecutor } from '@techcorp/platform';
import { conflict } from '@techcorp/platform';
import type { OrderEvent } from './order.events.ts';

export interface StoredEvent {
  event: OrderEvent;
  version: number;
  timestamp: Date;
}

interface EventRow {
  event_type: OrderEvent['type'];
  event_data: OrderEvent['data'];
  version: number;
  timestamp: Date;
}

/** `upTo` is compared at millisecond precision: what a client sees of a stored timestamp. */
export async function loadOrderEvents(db: SqlExecutor, orderId: string, upTo?: Date): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT event_type, event_data, version, timestamp FROM order_events
     WHERE aggregate_id = $1 AND ($2::timestamptz IS NULL OR date_trunc('milliseconds', timestamp) <= $2)
     ORDER BY version`,
    [orderId, upTo ?? null],
  );
  return rows.map((r) => ({
    event: { type: r.event_type, data: r.event_data } as OrderEvent,
    version: r.version,
    timestamp: r.timestamp,
  }));
}

export interface AppendMetadata {
  correlationId: string | null;
  causationId: string | null;
}

/** Appends after `expectedVersion`; a concurrent writer makes the unique (aggregate_id, version) fail: 409. */
export async function appendOrderEvents(
  tx: SqlExecutor,
  orderId: string,
  expectedVersion: number,
  events: readonly OrderEvent[],
  meta: AppendMetadata,
): Promise<number> {
  let version = expectedVersion;
  for (const event of events) {
    version += 1;
    try {
      await tx.query(
        `INSERT INTO order_events (aggregate_id, event_type, event_data, version, correlation_id, causation_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [orderId, event.type, JSON.stringify(event.data), version, meta.correlationId, meta.causationId],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict(`order ${orderId} was changed concurrently`);
      throw error;
    }
  }
  return version;
}

export async function nextOrderSequence(tx: SqlExecutor): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT nextval('order_number_seq')::int8 AS n`);
  return rows[0]!.n;
}

/** Order ids after `afterId` in id order (UUID v7: creation order), for paging through the whole store. */
export async function listOrderIds(db: SqlExecutor, afterId: string | null, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ aggregate_id: string }>(
    `SELECT DISTINCT aggregate_id FROM order_events
     WHERE ($1::text IS NULL OR aggregate_id > $1) ORDER BY aggregate_id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((r) => r.aggregate_id);
}

export async function loadEventsOf(db: SqlExecutor, orderIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const { rows } = await db.query<EventRow & { aggregate_id: string }>(
    `SELECT aggregate_id, event_type, event_data, version, timestamp FROM order_events
     WHERE aggregate_id = ANY($1::text[]) ORDER BY aggregate_id, version`,
    [orderIds],
  );
  const byOrder = new Map<string, StoredEvent[]>(orderIds.map((id) => [id, []]));
  for (const r of rows)
    byOrder.get(r.aggregate_id)?.push({
      event: { type: r.event_type, data: r.event_data } as OrderEvent,
      version: r.version,
      timestamp: r.timestamp,
    });
  return byOrder;
}
