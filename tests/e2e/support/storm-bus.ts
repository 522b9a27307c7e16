// A Bus wrapper for redelivery-storm tests: every publish goes out several times (same id), each copy after its own
// seeded random delay, so duplicates reach consumers interleaved with other traffic and in another order.
import type { Envelope } from '@techcorp/contracts';
import type { Bus, MessageHandler, SubscribeOptions } from '@techcorp/platform';

export interface StormOptions {
  /** Copies of each published message, the original included. */
  copies: number;
  /** Each copy waits a random 0..maxDelayMs before it is published. */
  maxDelayMs: number;
  /** Seeds the delays, so a run is reproducible. */
  seed: number;
}

export interface StormStats {
  /** Messages the services asked to publish. */
  published: number;
  /** Copies the broker confirmed beyond the first of each message. */
  extraCopies: number;
  /** First-attempt deliveries of a message id a queue had already been handed (what the inboxes must drop). */
  duplicateDeliveries: number;
}

export interface StormBus extends Bus {
  stats(): StormStats;
  /**
   * True once every copy is published, each queue that saw a message was handed all its confirmed copies, and no
   * handler is running: the storm has passed through the consumers.
   */
  drained(): boolean;
}

/** mulberry32: small, fast, and good enough to spread delays. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function stormBus(inner: Bus, options: StormOptions): StormBus {
  const random = seededRandom(options.seed);
  const stats: StormStats = { published: 0, extraCopies: 0, duplicateDeliveries: 0 };
  const background = new Set<Promise<unknown>>();
  const confirmedCopies = new Map<string, number>();
  /** First-attempt deliveries per queue and message id. */
  const deliveries = new Map<string, { id: string; count: number }>();
  let running = 0;

  const track = (work: Promise<unknown>) => {
    const tracked = work.finally(() => background.delete(tracked));
    background.add(tracked);
  };
  const copyLater = (message: Envelope, delayMs: number) =>
    new Promise<void>((resolve, reject) => {
      setTimeout(() => inner.publish(message).then(resolve, reject), delayMs);
    }).then(() => {
      confirmedCopies.set(message.id, (confirmedCopies.get(message.id) ?? 0) + 1);
    });

  const observe = (handler: MessageHandler): MessageHandler => {
    return async (message, info) => {
      if (info.attempt === 1) {
        const key = `${info.queue}\u0000${message.id}`;
        const seen = deliveries.get(key) ?? { id: message.id, count: 0 };
        if (seen.count > 0) stats.duplicateDeliveries++;
        deliveries.set(key, { id: message.id, count: seen.count + 1 });
      }
      running++;
      try {
        await handler(message, info);
      } finally {
        running--;
      }
    };
  };

  return {
    async publish(message) {
      const copies = Array.from({ length: options.copies }, () => copyLater(message, random() * options.maxDelayMs));
      track(
        Promise.allSettled(copies).then((results) => {
          const confirmed = results.filter((r) => r.status === 'fulfilled').length;
          stats.extraCopies += Math.max(0, confirmed - 1);
        }),
      );
      // Resolves with the first confirmed copy; rejects (so the outbox retries) only when every copy failed.
      await Promise.any(copies).catch((error: AggregateError) => {
        throw error.errors[0];
      });
      stats.published++;
    },
    subscribe: (subscribeOptions: SubscribeOptions, handler: MessageHandler) =>
      inner.subscribe(subscribeOptions, observe(handler)),
    deadLetters: (queue, limit) => inner.deadLetters(queue, limit),
    replayDeadLetters: (queue, limit) => inner.replayDeadLetters(queue, limit),
    deadLetterDepth: (queue) => inner.deadLetterDepth(queue),
    stats: () => ({ ...stats }),
    drained: () =>
      background.size === 0 &&
      running === 0 &&
      [...deliveries.values()].every((d) => d.count >= (confirmedCopies.get(d.id) ?? 0)),
    async close() {
      while (background.size > 0) await Promise.allSettled([...background]);
      await inner.close();
    },
  };
}
