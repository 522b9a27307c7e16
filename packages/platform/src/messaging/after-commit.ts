// Work a consumer's handler may only do once its message's transaction has committed (invalidating a cache,
// observing a metric): the handler records values under the message id, and the consumer's relay hook hands them
// over right after the commit.
import { currentContext } from '../context.ts';
import type { OutboxRelay } from './messaging.ts';

export interface AfterCommit<V> {
  /** Inside a handler's transaction: a value for after this message commits (repeats count once). */
  record(messageId: string, value: V): void;
  /** Forget what a message recorded (its handler is about to run again after a rollback). */
  reset(messageId: string): void;
  /**
   * Handed to startConsumer as its relay: startConsumer calls nudge() right after a message's transaction commits,
   * inside that message's context (causationId = the message id), so only that message's values are handed over.
   * Handing over everyone's pending values instead would, for a cache, bump generations before other transactions
   * commit, and a query answered in between would cache pre-commit data under the new generation.
   */
  relay: OutboxRelay;
}

/** A message whose transaction never commits (dead-lettered) leaves its entry behind; this caps them. */
const MAX_PENDING = 10_000;

export function createAfterCommit<V>(onCommitted: (values: V[]) => void): AfterCommit<V> {
  const pending = new Map<string, Set<V>>();
  return {
    record(messageId, value) {
      const values = pending.get(messageId) ?? new Set<V>();
      values.add(value);
      pending.set(messageId, values);
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    },
    reset(messageId) {
      pending.delete(messageId);
    },
    relay: {
      nudge() {
        const messageId = currentContext()?.causationId;
        if (!messageId) return;
        const values = pending.get(messageId);
        if (!values) return;
        pending.delete(messageId);
        onCommitted([...values]);
      },
      drain: async () => 0,
      stop: async () => undefined,
    },
  };
}
