// The RabbitMQ bus (amqplib): durable topic exchange, quorum queues, confirms, mandatory routing, retries and DLQs.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@techcorp/contracts';
import { connect } from 'amqplib';
import type { Logger } from '../logging.ts';
import type { Bus, DeadLetter, MessageHandler, SubscribeOptions, Subscription } from './bus.ts';
import { DEFAULT_PREFETCH, DEFAULT_RETRY_DELAYS_MS, isCommand } from './delivery.ts';
import { RabbitMqConnection, type Session } from './rabbitmq-connection.ts';
import { deadLetterCount, peekDeadLetters, replayDeadLetters } from './rabbitmq-dead-letters.ts';
import { confirmedPublish, envelopeProperties, ReturnedMessages } from './rabbitmq-publish.ts';
import { RabbitMqSubscriber } from './rabbitmq-subscriber.ts';
import { declareExchange, queueNames } from './rabbitmq-topology.ts';

export interface RabbitMqBusOptions {
  url: string;
  logger: Logger;
  /** Topic exchange; default 'techcorp'. */
  exchange?: string;
  queuePrefix?: string;
  /** Connection name shown by the broker; default `techcorp-<pid>-<random>`. */
  connectionName?: string;
  /** How long publish waits for the broker's confirm; default 10 s. */
  confirmTimeoutMs?: number;
  /** Cap of the reconnect backoff; default 5 s. */
  maxReconnectDelayMs?: number;
}

export class RabbitMqBus implements Bus {
  /** Events the broker returned because no queue was bound to their type yet. */
  unroutableEvents = 0;
  readonly exchange: string;
  readonly #url: string;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #confirmTimeoutMs: number;
  readonly #connection: RabbitMqConnection;
  readonly #returned = new ReturnedMessages();
  readonly #subscribers = new Set<RabbitMqSubscriber>();
  readonly #declared = new Set<string>();
  #closed = false;

  private constructor(options: RabbitMqBusOptions) {
    this.exchange = options.exchange ?? 'techcorp';
    this.#url = options.url;
    this.#prefix = options.queuePrefix ?? '';
    this.#logger = options.logger;
    this.#confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000;
    this.#connection = new RabbitMqConnection({
      url: options.url,
      connectionName: options.connectionName ?? `techcorp-${process.pid}-${randomUUID().slice(0, 8)}`,
      logger: options.logger,
      maxBackoffMs: options.maxReconnectDelayMs ?? 5000,
      onSession: (session) => this.#resume(session),
    });
  }

  /** Connects (failing at once if the broker is unreachable) and declares the exchange. */
  static async connect(options: RabbitMqBusOptions): Promise<RabbitMqBus> {
    const bus = new RabbitMqBus(options);
    await bus.#connection.open();
    return bus;
  }

  async publish(message: Envelope): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    const session = this.#connection.session;
    if (!session) throw new Error('RabbitMQ connection is down'); // fail fast: the outbox retries later
    const content = Buffer.from(JSON.stringify(message));
    const options = { ...envelopeProperties(message), mandatory: true };
    let returned = false;
    try {
      await confirmedPublish(session.publisher, this.exchange, message.type, content, options, this.#confirmTimeoutMs);
    } finally {
      returned = this.#returned.take(message.id);
    }
    if (!returned) return;
    if (isCommand(message.type)) throw new Error(`unroutable command ${message.type}: no queue is bound to it`);
    this.unroutableEvents++;
    this.#logger.debug({ type: message.type, messageId: message.id }, 'event returned: no queue bound to it');
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('bus is closed');
    const subscriber = new RabbitMqSubscriber({
      exchange: this.exchange,
      queue: options.queue,
      names: queueNames(this.#prefix, options.queue),
      routingKeys: options.routingKeys,
      prefetch: options.prefetch ?? DEFAULT_PREFETCH,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      handler,
      logger: this.#logger,
      confirmTimeoutMs: this.#confirmTimeoutMs,
      currentSession: () => this.#connection.session,
      dropSession: (session) => this.#connection.drop(session),
      onDeclared: (queues) => {
        for (const queue of queues) this.#declared.add(queue);
      },
    });
    // Registered first, so a reconnect racing this call resumes it too.
    this.#subscribers.add(subscriber);
    const session = this.#connection.session;
    try {
      if (session) await subscriber.start(session);
      else this.#logger.warn({ queue: options.queue }, 'subscribed during an outage; starts on reconnect');
    } catch (error) {
      this.#subscribers.delete(subscriber);
      await subscriber.close();
      throw error;
    }
    return {
      close: async () => {
        this.#subscribers.delete(subscriber);
        await subscriber.close();
      },
    };
  }

  async deadLetters(queue: string, limit = 100): Promise<DeadLetter[]> {
    return peekDeadLetters(this.#requireSession().model, queue, queueNames(this.#prefix, queue), limit);
  }

  async replayDeadLetters(queue: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
    const { model } = this.#requireSession();
    return replayDeadLetters(model, queueNames(this.#prefix, queue), limit, this.#confirmTimeoutMs);
  }

  async deadLetterDepth(queue: string): Promise<number> {
    return deadLetterCount(this.#requireSession().model, queueNames(this.#prefix, queue));
  }

  /** Cancels consumers, waits for in-flight handlers to settle, then closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#closeSubscribers();
    await this.#connection.close();
  }

  /** Closes (if still open), then deletes every queue this bus declared and its exchange (test teardown). */
  async closeAndDeleteTopology(): Promise<void> {
    await this.close();
    const model = await connect(this.#url);
    try {
      const channel = await model.createChannel();
      for (const queue of this.#declared) await channel.deleteQueue(queue);
      await channel.deleteExchange(this.exchange);
    } finally {
      await model.close();
    }
  }

  async #closeSubscribers(): Promise<void> {
    const subscribers = [...this.#subscribers];
    this.#subscribers.clear();
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  }

  async #resume(session: Session): Promise<void> {
    this.#returned.watch(session.publisher);
    await declareExchange(session.publisher, this.exchange);
    for (const subscriber of this.#subscribers) await subscriber.start(session);
  }

  #requireSession(): Session {
    const session = this.#connection.session;
    if (!session) throw new Error('RabbitMQ connection is down');
    return session;
  }
}
