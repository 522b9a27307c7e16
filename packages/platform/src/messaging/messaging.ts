// Exactly-once effect on top of at-least-once delivery: outbox (producer side), inbox (consumer side).
import type { Envelope } from '@techcorp/contracts';
import type { Bus, SubscribeOptions } from '../bus/bus.ts';
import type { Logger } from '../logging.ts';
import type { Sql, SqlExecutor } from '../sql/sql.ts';

/** Writes messages to the service's outbox in the caller's transaction; the relay publishes them later. */
export type EnqueueOutbox = (tx: SqlExecutor, messages: readonly Envelope[]) => Promise<void>;

export interface OutboxRelay {
  /** Wake the relay now (call after a transaction that enqueued messages commits). */
  nudge(): void;
  /** Publish every pending row once; returns how many were published. Used by tests and shutdown. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  sql: Sql;
  bus: Bus;
  logger: Logger;
  /** Poll interval when nothing nudges; default 250 ms. */
  pollMs?: number;
  batchSize?: number;
}

/** A handler that runs inside the consumer's transaction, after its inbox row is written. */
export type TransactionalHandler = (tx: SqlExecutor, message: Envelope) => Promise<void>;

export interface ConsumerOptions extends Omit<SubscribeOptions, 'routingKeys'> {
  sql: Sql;
  bus: Bus;
  logger: Logger;
  /** Consumer name in the inbox (usually the queue name). */
  consumer: string;
  /** One handler per message type; the types are the queue's bindings. */
  handlers: Record<string, TransactionalHandler>;
  /** Nudged after each commit, so replies leave at once. */
  relay?: OutboxRelay;
}
