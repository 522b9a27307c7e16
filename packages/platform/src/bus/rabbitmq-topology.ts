// RabbitMQ names and declarations: the topic exchange, each consumer's quorum queue, its retry queues and its DLQ.
import type { Channel } from 'amqplib';

export const HEADER_ATTEMPT = 'x-attempt';
export const HEADER_ERROR = 'x-error';
export const HEADER_ATTEMPTS = 'x-attempts';
export const HEADER_CORRELATION = 'x-correlation-id';

export interface QueueNames {
  main: string;
  dlq: string;
  /** Retry queue before attempt n + 1 (n is 1-based). */
  retry(n: number): string;
}

export function queueNames(prefix: string, queue: string): QueueNames {
  const main = `${prefix}${queue}`;
  return { main, dlq: `${main}.dlq`, retry: (n) => `${main}.retry.${n}` };
}

const QUORUM = { 'x-queue-type': 'quorum' };
// Every peek requeues each dead letter, which counts as a delivery; RabbitMQ 4 drops a quorum queue's message after
// 20 by default, so the DLQ raises that limit far beyond any realistic number of peeks.
const DLQ = { ...QUORUM, 'x-delivery-limit': 1_000_000_000 };
/** Redeliveries a message survives when its consumer dies mid-handler (a poison message) before it is dead-lettered. */
export const MAX_REDELIVERIES = 20;

function mainQueueArguments(names: QueueNames): Record<string, unknown> {
  // Handler failures go through the retry queues; this only catches messages that keep killing their consumer.
  return {
    ...QUORUM,
    'x-delivery-limit': MAX_REDELIVERIES,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': names.dlq,
  };
}

export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Declares the main queue (bound to the routing keys), one retry queue per delay whose TTL dead-letters back into
 * the main queue through the default exchange, and the DLQ. Returns every queue name declared.
 */
export async function declareConsumerQueues(
  channel: Channel,
  exchange: string,
  names: QueueNames,
  routingKeys: readonly string[],
  retryDelaysMs: readonly number[],
): Promise<string[]> {
  await channel.assertQueue(names.main, { durable: true, arguments: mainQueueArguments(names) });
  for (const key of routingKeys) await channel.bindQueue(names.main, exchange, key);
  const declared = [names.main];
  for (const [index, delayMs] of retryDelaysMs.entries()) {
    const retry = names.retry(index + 1);
    await channel.assertQueue(retry, {
      durable: true,
      arguments: {
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.main,
      },
    });
    declared.push(retry);
  }
  await channel.assertQueue(names.dlq, { durable: true, arguments: DLQ });
  declared.push(names.dlq);
  return declared;
}
