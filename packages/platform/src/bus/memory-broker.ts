// The in-process broker behind the memory bus: bound queues, competing consumers, prefetch, delayed retries, DLQs.
import { AsyncResource } from 'node:async_hooks';
import type { Logger } from '../logging.ts';
import type { MessageHandler } from './bus.ts';
import { decodeEnvelope, errorText, failureOutcome } from './delivery.ts';
import { anyTopicMatches } from './topic-match.ts';

interface Pending {
  raw: string;
  attempt: number;
}

export interface DeadEntry {
  raw: string;
  error: string;
  attempts: number;
}

/** One subscriber on a queue, as the broker sees it. */
export interface MemoryConsumerSpec {
  /** Full queue name (prefix included). */
  queue: string;
  /** Queue name reported in DeliveryInfo (without prefix). */
  displayQueue: string;
  prefetch: number;
  retryDelaysMs: readonly number[];
  handler: MessageHandler;
  logger?: Logger;
}

interface ConsumerState {
  spec: MemoryConsumerSpec;
  inFlight: number;
  running: Set<Promise<void>>;
}

interface QueueState {
  bindings: Set<string>;
  ready: Pending[];
  consumers: ConsumerState[];
  cursor: number;
  dead: DeadEntry[];
  scheduled: boolean;
}

export interface MemoryConsumerHandle {
  /** Stops new deliveries to this consumer and waits for its in-flight handlers. */
  detach(): Promise<void>;
}

export class MemoryBroker {
  readonly #queues = new Map<string, QueueState>();
  readonly #timers = new Set<NodeJS.Timeout>();
  // Handlers run in the broker's own async context, never in the publisher's (like a real broker).
  readonly #scope = new AsyncResource('memory-bus');

  /** queue.declare + queue.bind: the queue keeps messages from now on, even with nobody subscribed. */
  declare(queue: string, routingKeys: readonly string[]): void {
    const state = this.#queues.get(queue) ?? this.#newQueue(queue);
    for (const key of routingKeys) state.bindings.add(key);
  }

  /** Routes a raw body to every queue bound to the key; returns how many queues took a copy. */
  route(routingKey: string, raw: string): number {
    let routed = 0;
    for (const state of this.#queues.values()) {
      if (!anyTopicMatches(state.bindings, routingKey)) continue;
      state.ready.push({ raw, attempt: 1 });
      this.#schedule(state);
      routed++;
    }
    return routed;
  }

  attach(spec: MemoryConsumerSpec): MemoryConsumerHandle {
    const state = this.#queues.get(spec.queue) ?? this.#newQueue(spec.queue);
    const consumer: ConsumerState = { spec, inFlight: 0, running: new Set() };
    state.consumers.push(consumer);
    this.#schedule(state);
    return {
      detach: async () => {
        state.consumers = state.consumers.filter((c) => c !== consumer);
        await Promise.allSettled([...consumer.running]);
      },
    };
  }

  deadLetters(queue: string, limit: number): DeadEntry[] {
    return (this.#queues.get(queue)?.dead ?? []).slice(0, limit).map((entry) => ({ ...entry }));
  }

  replay(queue: string, limit: number): number {
    const state = this.#queues.get(queue);
    if (!state) return 0;
    const moved = state.dead.splice(0, limit);
    for (const entry of moved) state.ready.push({ raw: entry.raw, attempt: 1 });
    this.#schedule(state);
    return moved.length;
  }

  deadDepth(queue: string): number {
    return this.#queues.get(queue)?.dead.length ?? 0;
  }

  /** Number of messages waiting (not in flight) on a queue; for tests and metrics. */
  depth(queue: string): number {
    return this.#queues.get(queue)?.ready.length ?? 0;
  }

  /** Drops pending retry timers; the broker must not be used afterwards. */
  dispose(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #newQueue(queue: string): QueueState {
    const state: QueueState = { bindings: new Set(), ready: [], consumers: [], cursor: 0, dead: [], scheduled: false };
    this.#queues.set(queue, state);
    return state;
  }

  #schedule(state: QueueState): void {
    if (state.scheduled) return;
    state.scheduled = true;
    setImmediate(() => this.#scope.runInAsyncScope(() => this.#dispatch(state)));
  }

  #dispatch(state: QueueState): void {
    state.scheduled = false;
    while (state.ready.length > 0) {
      const consumer = this.#nextConsumer(state);
      if (!consumer) return;
      const message = state.ready.shift()!;
      this.#run(state, consumer, message);
    }
  }

  /** Round-robin over the consumers that still have prefetch room. */
  #nextConsumer(state: QueueState): ConsumerState | undefined {
    const count = state.consumers.length;
    for (let i = 0; i < count; i++) {
      const index = (state.cursor + i) % count;
      const consumer = state.consumers[index]!;
      if (consumer.inFlight < consumer.spec.prefetch) {
        state.cursor = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  #run(state: QueueState, consumer: ConsumerState, message: Pending): void {
    consumer.inFlight++;
    const running = this.#handle(state, consumer.spec, message).finally(() => {
      consumer.inFlight--;
      consumer.running.delete(running);
      this.#schedule(state);
    });
    consumer.running.add(running);
  }

  async #handle(state: QueueState, spec: MemoryConsumerSpec, message: Pending): Promise<void> {
    // Decoding each delivery afresh gives every consumer its own copy of the payload.
    const decoded = decodeEnvelope(message.raw);
    if (!decoded.ok) {
      spec.logger?.error({ queue: spec.displayQueue, error: decoded.error }, 'invalid message dead-lettered');
      state.dead.push({ raw: message.raw, error: decoded.error, attempts: message.attempt });
      return;
    }
    try {
      await spec.handler(decoded.envelope, { attempt: message.attempt, queue: spec.displayQueue });
    } catch (error) {
      const outcome = failureOutcome(error, message.attempt, spec.retryDelaysMs);
      const log = { queue: spec.displayQueue, messageId: decoded.envelope.id, type: decoded.envelope.type };
      if (outcome.kind === 'dead') {
        spec.logger?.error({ ...log, attempt: message.attempt, error: outcome.error }, 'message dead-lettered');
        state.dead.push({ raw: message.raw, error: outcome.error, attempts: message.attempt });
        return;
      }
      spec.logger?.warn({ ...log, attempt: message.attempt, error: errorText(error) }, 'handler failed; will retry');
      this.#retryLater(state, { raw: message.raw, attempt: outcome.nextAttempt }, outcome.delayMs);
    }
  }

  #retryLater(state: QueueState, message: Pending, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      state.ready.push(message);
      this.#schedule(state);
    }, delayMs);
    this.#timers.add(timer);
  }
}
