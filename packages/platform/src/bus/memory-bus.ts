// The embedded bus: a Bus handle over an in-process MemoryBroker, with the RabbitMQ bus's observable semantics.
import type { Envelope } from '@techcorp/contracts';
import type { Logger } from '../logging.ts';
import type { Bus, DeadLetter, MessageHandler, SubscribeOptions, Subscription } from './bus.ts';
import { DEFAULT_PREFETCH, DEFAULT_RETRY_DELAYS_MS, decodeEnvelope, isCommand } from './delivery.ts';
import { MemoryBroker, type MemoryConsumerHandle } from './memory-broker.ts';

export { MemoryBroker } from './memory-broker.ts';

export interface MemoryBusOptions {
  /** Handles on one broker see each other's queues (the analogue of one exchange). Default: a new private broker. */
  broker?: MemoryBroker;
  queuePrefix?: string;
  logger?: Logger;
  /** Multiplies every retry delay (tests use e.g. 0.01); default 1, the real delays. */
  retryDelayScale?: number;
  /** Called once when the handle closes (used for shared-broker reference counting). */
  onClose?: () => void;
}

export class MemoryBus implements Bus {
  readonly broker: MemoryBroker;
  /** Events published while no queue was bound to their type. */
  unroutableEvents = 0;
  readonly #prefix: string;
  readonly #logger: Logger | undefined;
  readonly #scale: number;
  readonly #onClose: (() => void) | undefined;
  readonly #consumers = new Set<MemoryConsumerHandle>();
  #closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.broker = options.broker ?? new MemoryBroker();
    this.#prefix = options.queuePrefix ?? '';
    this.#logger = options.logger;
    this.#scale = options.retryDelayScale ?? 1;
    this.#onClose = options.broker ? options.onClose : () => this.broker.dispose();
  }

  async publish(message: Envelope): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    const routed = this.broker.route(message.type, JSON.stringify(message));
    if (routed > 0) return;
    if (isCommand(message.type)) throw new Error(`unroutable command ${message.type}: no queue is bound to it`);
    this.unroutableEvents++;
    this.#logger?.debug({ type: message.type, messageId: message.id }, 'event published with no queue bound');
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('bus is closed');
    const queue = this.#prefix + options.queue;
    this.broker.declare(queue, options.routingKeys);
    const consumer = this.broker.attach({
      queue,
      displayQueue: options.queue,
      prefetch: options.prefetch ?? DEFAULT_PREFETCH,
      retryDelaysMs: (options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS).map((ms) => ms * this.#scale),
      handler,
      ...(this.#logger ? { logger: this.#logger } : {}),
    });
    this.#consumers.add(consumer);
    let closed = false;
    return {
      close: async () => {
        if (closed) return;
        closed = true;
        this.#consumers.delete(consumer);
        await consumer.detach();
      },
    };
  }

  async deadLetters(queue: string, limit = 100): Promise<DeadLetter[]> {
    return this.broker.deadLetters(this.#prefix + queue, limit).map((entry) => {
      const decoded = decodeEnvelope(entry.raw);
      return { queue, envelope: decoded.ok ? decoded.envelope : null, ...entry };
    });
  }

  async replayDeadLetters(queue: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
    return this.broker.replay(this.#prefix + queue, limit);
  }

  async deadLetterDepth(queue: string): Promise<number> {
    return this.broker.deadDepth(this.#prefix + queue);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const consumers = [...this.#consumers];
    this.#consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.detach()));
    this.#onClose?.();
  }
}

/** A memory bus with its own private broker (isolated from every other). */
export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  return new MemoryBus(options);
}

const shared = new Map<string, { broker: MemoryBroker; handles: number }>();

/**
 * A handle on the process-wide broker for this queue prefix: embedded services that each open a bus still reach
 * each other, while tests with unique prefixes stay isolated. The broker goes when its last handle closes.
 */
export function openSharedMemoryBus(options: Omit<MemoryBusOptions, 'broker' | 'onClose'> = {}): MemoryBus {
  const key = options.queuePrefix ?? '';
  const entry = shared.get(key) ?? { broker: new MemoryBroker(), handles: 0 };
  shared.set(key, entry);
  entry.handles++;
  const onClose = () => {
    entry.handles--;
    if (entry.handles > 0 || shared.get(key) !== entry) return;
    shared.delete(key);
    entry.broker.dispose();
  };
  return new MemoryBus({ ...options, broker: entry.broker, onClose });
}
