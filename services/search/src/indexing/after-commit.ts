// Work that must wait until an indexing transaction has committed: cache invalidation and the index-lag metrics.
import { currentContext, type OutboxRelay } from '@techcorp/platform';

export interface IndexAfterCommit {
  /** Inside a handler's transaction: this message changed the index, `lagSeconds` after the event occurred. */
  record(messageId: string, lagSeconds: number): void;
  /** Forget what a message recorded (its handler is about to run again after a rollback). */
  reset(messageId: string): void;
  /**
   * Handed to startConsumer as its relay: nudge() runs right after a message's transaction commits, inside that
   * message's context (causationId = message id), so only a committed change is announced. Bumping the cache
   * generation before the commit would let a query cache pre-commit results under the new generation.
   */
  relay: OutboxRelay;
}

/** A message whose transaction never commits (dead-lettered) leaves its entry behind; this caps them. */
const MAX_PENDING = 10_000;

export function createIndexAfterCommit(onCommitted: (lagSeconds: number) => void): IndexAfterCommit {
  const pending = new Map<string, number>();
  return {
    record(messageId, lagSeconds) {
      pending.set(messageId, lagSeconds);
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    },
    reset(messageId) {
      pending.delete(messageId);
    },
    relay: {
      nudge() {
        const messageId = currentContext()?.causationId;
        if (!messageId) return;
        const lag = pending.get(messageId);
        if (lag === undefined) return;
        pending.delete(messageId);
        onCommitted(lag);
      },
      drain: async () => 0,
      stop: async () => undefined,
    },
  };
}
