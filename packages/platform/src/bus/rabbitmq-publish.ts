// Publishing with publisher confirms, AMQP message properties for envelopes, and tracking of returned (unroutable) ones.
import type { Envelope } from '@techcorp/contracts';
import type { ConfirmChannel, Message, MessageProperties, Options } from 'amqplib';
import { HEADER_ATTEMPT, HEADER_ATTEMPTS, HEADER_CORRELATION, HEADER_ERROR } from './rabbitmq-topology.ts';

/** Resolves when the broker acks; rejects on nack, on a closed channel, or when no confirm comes in time. */
export function confirmedPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no publisher confirm within ${timeoutMs} ms`)), timeoutMs);
    try {
      channel.publish(exchange, routingKey, content, options, (error) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error(`broker refused the message: ${String(error)}`));
        else resolve();
      });
    } catch (error) {
      clearTimeout(timer);
      reject(error);
    }
  });
}

/** Persistent JSON message carrying the envelope's identity in AMQP properties. */
export function envelopeProperties(message: Envelope): Options.Publish {
  const headers: Record<string, string> = { [HEADER_CORRELATION]: message.correlationId };
  if (message.traceparent) headers.traceparent = message.traceparent;
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: message.id,
    type: message.type,
    correlationId: message.correlationId,
    timestamp: Math.floor(Date.now() / 1000),
    headers,
  };
}

const BUS_HEADERS = new Set([HEADER_ATTEMPT, HEADER_ATTEMPTS, HEADER_ERROR]);
const DEATH_HEADER = /^x-(death|first-death|last-death)/;

/** Properties for moving a delivered message elsewhere: same identity, broker death records and our own headers dropped. */
export function forwardedProperties(message: Message, headers: Record<string, unknown>): Options.Publish {
  const props: MessageProperties = message.properties;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props.headers ?? {})) {
    if (!BUS_HEADERS.has(key) && !DEATH_HEADER.test(key)) kept[key] = value;
  }
  return {
    persistent: true,
    contentType: props.contentType ?? 'application/json',
    messageId: props.messageId,
    type: props.type,
    correlationId: props.correlationId,
    timestamp: props.timestamp,
    headers: { ...kept, ...headers },
  };
}

/** Remembers messages the broker returned as unroutable, until their confirm arrives (returns come first). */
export class ReturnedMessages {
  readonly #ids = new Map<string, number>();

  watch(channel: ConfirmChannel): void {
    channel.on('return', (message: Message) => {
      const id = message.properties.messageId;
      if (typeof id === 'string') this.#ids.set(id, (this.#ids.get(id) ?? 0) + 1);
    });
  }

  /** True (once) when the message with this id was returned. */
  take(id: string): boolean {
    const count = this.#ids.get(id);
    if (count === undefined) return false;
    if (count > 1) this.#ids.set(id, count - 1);
    else this.#ids.delete(id);
    return true;
  }
}
