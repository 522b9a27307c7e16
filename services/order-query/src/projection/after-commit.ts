// Cache invalidations that must wait until a projection's transaction has committed.
import { currentContext, type OutboxRelay } from '@techcorp/platform';

export interface AfterCommit {
  /** Called inside a handler's transaction: the customers whose cached answers the message changes. */
  record(messageId: string, customerId: string): void;
  /** Forget what a message recorded (its handler is about to run again after a rollback). */
  reset(messageId: string): void;
  /**
   * Handed to startConsumer as its relay: startConsumer calls nudge() right after a message's transaction commits,
   * inside that message's context (causationId = the message id), so only that message's changes are flushed.
   * Flushing everyone's pending changes instead would bump generations before other transactions commit, and a
   * query answered in between would cache pre-commit data under the new generation.
   */
  relay: OutboxRelay;
}

/** A message whose transaction never commits (dead-lettered) leaves its entry behind; this caps them. */
const MAX_PENDING = 10_000;

export function createAfterCommit(flush: (customerIds: string[]) => void): AfterCommit {
  const pending = new Map<string, Set<string>>();
  return {
    record(messageId, customerId) {
      const customers = pending.get(messageId) ?? new Set<string>();
      customers.add(customerId);
      pending.set(messageId, customers);
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    },
    reset(messageId) {
      pending.delete(messageId);
    },
    relay: {
      nudge() {
        const messageId = currentContext()?.causationId;
        if (!messageId) return;
        const customers = pending.get(messageId);
        if (!customers) return;
        pending.delete(messageId);
        flush([...customers]);
      },
      drain: async () => 0,
      stop: async () => undefined,
    },
  };
}
