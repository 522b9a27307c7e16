// One subscription on RabbitMQ: its own channel and prefetch, manual ack after the handler, retry queues, then DLQ.
import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging.ts';
import type { MessageHandler } from './bus.ts';
import { decodeEnvelope, errorText, type FailureOutcome, failureOutcome } from './delivery.ts';
import type { Session } from './rabbitmq-connection.ts';
import { confirmedPublish, forwardedProperties } from './rabbitmq-publish.ts';
import {
  declareConsumerQueues,
  HEADER_ATTEMPT,
  HEADER_ATTEMPTS,
  HEADER_ERROR,
  type QueueNames,
} from './rabbitmq-topology.ts';

export interface RabbitMqSubscriberOptions {
  exchange: string;
  /** Queue name as the caller knows it (no prefix); reported in DeliveryInfo. */
  queue: string;
  names: QueueNames;
  routingKeys: readonly string[];
  prefetch: number;
  retryDelaysMs: readonly number[];
  handler: MessageHandler;
  logger: Logger;
  confirmTimeoutMs: number;
  /** The bus's live session (retries and dead letters are published on its confirm channel). */
  currentSession(): Session | null;
  /** Asks for a reconnect when this subscription's channel dies under a live connection. */
  dropSession(session: Session): void;
  onDeclared(queues: readonly string[]): void;
}

export class RabbitMqSubscriber {
  readonly #o: RabbitMqSubscriberOptions;
  readonly #inFlight = new Set<Promise<void>>();
  #session: Session | null = null;
  #channel: Channel | null = null;
  #consumerTag: string | null = null;
  #closed = false;

  constructor(options: RabbitMqSubscriberOptions) {
    this.#o = options;
  }

  /** Declares the topology and starts consuming on this session (called again after every reconnect). */
  async start(session: Session): Promise<void> {
    if (this.#closed || this.#session === session) return;
    this.#session = session;
    const { logger, names } = this.#o;
    const channel = await session.model.createChannel();
    channel.on('error', (error: Error) =>
      logger.warn({ queue: this.#o.queue, error: errorText(error) }, 'channel error'),
    );
    try {
      await channel.prefetch(this.#o.prefetch);
      const declared = await declareConsumerQueues(
        channel,
        this.#o.exchange,
        names,
        this.#o.routingKeys,
        this.#o.retryDelaysMs,
      );
      this.#o.onDeclared(declared);
      const reply = await channel.consume(names.main, (message) => this.#onMessage(channel, message));
      this.#consumerTag = reply.consumerTag;
    } catch (error) {
      if (this.#session === session) this.#session = null;
      await channel.close().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await channel.close().catch(() => {});
      return;
    }
    this.#channel = channel;
    channel.on('close', () => {
      if (!this.#closed && this.#channel === channel) this.#o.dropSession(session);
    });
  }

  /** Stops consuming, lets in-flight handlers finish and settle, then closes the channel. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const channel = this.#channel;
    if (channel && this.#consumerTag) await channel.cancel(this.#consumerTag).catch(() => {});
    await Promise.allSettled([...this.#inFlight]);
    this.#channel = null;
    await channel?.close().catch(() => {});
  }

  #onMessage(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      if (!this.#closed) this.#o.logger.warn({ queue: this.#o.queue }, 'consumer cancelled by the broker');
      return;
    }
    const running = this.#process(channel, message).finally(() => this.#inFlight.delete(running));
    this.#inFlight.add(running);
  }

  async #process(channel: Channel, message: ConsumeMessage): Promise<void> {
    const attempt = Number(message.properties.headers?.[HEADER_ATTEMPT] ?? 1) || 1;
    const outcome = await this.#handle(message, attempt);
    try {
      if (outcome?.kind === 'retry') {
        await this.#forward(this.#o.names.retry(attempt), message, { [HEADER_ATTEMPT]: outcome.nextAttempt });
      } else if (outcome?.kind === 'dead') {
        await this.#forward(this.#o.names.dlq, message, { [HEADER_ERROR]: outcome.error, [HEADER_ATTEMPTS]: attempt });
      }
      channel.ack(message);
    } catch (error) {
      // Not acked: the broker redelivers it (on this channel or after a reconnect), so nothing is lost.
      this.#o.logger.warn({ queue: this.#o.queue, error: errorText(error) }, 'could not settle message; redelivery');
      try {
        channel.nack(message, false, true);
      } catch {}
    }
  }

  /** Runs the handler; null when it succeeded, else what to do with the message. */
  async #handle(message: ConsumeMessage, attempt: number): Promise<FailureOutcome | null> {
    const { logger, queue } = this.#o;
    const decoded = decodeEnvelope(message.content.toString('utf8'));
    if (!decoded.ok) {
      logger.error({ queue, messageId: message.properties.messageId, error: decoded.error }, 'invalid message');
      return { kind: 'dead', error: decoded.error };
    }
    const { envelope } = decoded;
    try {
      await this.#o.handler(envelope, { attempt, queue });
      return null;
    } catch (error) {
      const outcome = failureOutcome(error, attempt, this.#o.retryDelaysMs);
      const log = { queue, messageId: envelope.id, type: envelope.type, attempt, error: errorText(error) };
      if (outcome.kind === 'dead') logger.error(log, 'message dead-lettered');
      else logger.warn(log, 'handler failed; will retry');
      return outcome;
    }
  }

  async #forward(target: string, message: ConsumeMessage, headers: Record<string, unknown>): Promise<void> {
    const session = this.#o.currentSession();
    if (!session) throw new Error('RabbitMQ connection is down');
    const options = forwardedProperties(message, headers);
    await confirmedPublish(session.publisher, '', target, message.content, options, this.#o.confirmTimeoutMs);
  }
}
