// The message-bus port: RabbitMQ (amqplib) and an in-process bus, both at-least-once with retries and a DLQ.
import type { Envelope } from '@techcorp/contracts';

export interface DeliveryInfo {
  /** 1 on first delivery, then 2, 3, ... for each retry. */
  attempt: number;
  queue: string;
}

/** Resolve to acknowledge; throw to have the message retried with backoff, then dead-lettered. */
export type MessageHandler = (message: Envelope, info: DeliveryInfo) => Promise<void>;

export interface SubscribeOptions {
  /** Durable queue name; several subscribers on one queue compete for its messages. */
  queue: string;
  /** Message types (routing keys) bound to the queue; '*' and '#' wildcards as in AMQP topics. */
  routingKeys: readonly string[];
  /** Messages in flight per subscriber. Default 16. */
  prefetch?: number;
  /** Delays before each retry; its length is the number of retries. Default [1000, 5000, 25000]. */
  retryDelaysMs?: readonly number[];
}

export interface Subscription {
  close(): Promise<void>;
}

export interface DeadLetter {
  queue: string;
  envelope: Envelope | null;
  raw: string;
  error: string;
  attempts: number;
}

export interface Bus {
  /** Resolves once the broker has taken responsibility for the message (publisher confirm). */
  publish(message: Envelope): Promise<void>;
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /** Messages that exhausted their retries on a queue (peeked, not removed). */
  deadLetters(queue: string, limit?: number): Promise<DeadLetter[]>;
  /** Moves dead-lettered messages of a queue back onto it; returns how many. */
  replayDeadLetters(queue: string, limit?: number): Promise<number>;
  /** How many messages sit in a queue's DLQ (a cheap count, nothing is read); 0 for a queue never declared. */
  deadLetterDepth(queue: string): Promise<number>;
  close(): Promise<void>;
}

/** Throw from a handler for a message that can never succeed (invalid payload): it goes to the DLQ at once. */
export class PermanentMessageError extends Error {
  override readonly name = 'PermanentMessageError';
}

export type BusConfig =
  | {
      kind: 'rabbitmq';
      url: string /** topic exchange name; default 'techcorp' */;
      exchange?: string;
      queuePrefix?: string;
    }
  | { kind: 'memory'; queuePrefix?: string };
