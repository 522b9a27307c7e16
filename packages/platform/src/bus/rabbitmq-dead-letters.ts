// Inspecting and replaying a RabbitMQ DLQ: peek by get + requeue in order, replay by confirmed move to the main queue.
import type { Channel, ChannelModel, GetMessage } from 'amqplib';
import type { DeadLetter } from './bus.ts';
import { decodeEnvelope } from './delivery.ts';
import { confirmedPublish, forwardedProperties } from './rabbitmq-publish.ts';
import { HEADER_ATTEMPT, HEADER_ATTEMPTS, HEADER_ERROR, type QueueNames } from './rabbitmq-topology.ts';

/** Upper bound on messages read per peek; beyond it the tail of a huge DLQ is not listed (nor reordered). */
const MAX_PEEK = 10_000;

/**
 * Lists up to `limit` dead letters without removing them. A quorum queue requeues at its back, so the whole queue
 * is read and then requeued in order: the order survives unless a message is dead-lettered during the peek.
 */
export async function peekDeadLetters(
  model: ChannelModel,
  queue: string,
  names: QueueNames,
  limit: number,
): Promise<DeadLetter[]> {
  // A private channel: a missing DLQ closes the channel it is asked on.
  const channel = await model.createChannel();
  channel.on('error', () => {});
  try {
    if ((await messageCount(() => channel.checkQueue(names.dlq))) === 0) return [];
    const taken: GetMessage[] = [];
    while (taken.length < MAX_PEEK) {
      const message = await channel.get(names.dlq, { noAck: false });
      if (!message) break;
      taken.push(message);
    }
    for (const message of taken) channel.nack(message, false, true);
    await untilRequeued(channel, names.dlq, taken.length);
    return taken.slice(0, limit).map((message) => toDeadLetter(queue, message));
  } finally {
    await channel.close().catch(() => {});
  }
}

/**
 * A quorum queue takes nacked messages back asynchronously: wait (bounded) until they are ready again, so a peek
 * right after this one does not find the queue empty.
 */
async function untilRequeued(channel: Channel, dlq: string, count: number): Promise<void> {
  const until = Date.now() + 5_000;
  while (Date.now() < until && (await messageCount(() => channel.checkQueue(dlq))) < count)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Moves up to `limit` dead letters back onto the main queue with the attempt count reset; returns how many. */
export async function replayDeadLetters(
  model: ChannelModel,
  names: QueueNames,
  limit: number,
  confirmTimeoutMs: number,
): Promise<number> {
  const channel = await model.createConfirmChannel();
  channel.on('error', () => {});
  try {
    // Bounded by what is there now, so a message that fails again at once cannot loop forever.
    const count = Math.min(limit, await messageCount(() => channel.checkQueue(names.dlq)));
    let moved = 0;
    while (moved < count) {
      const message = await channel.get(names.dlq, { noAck: false });
      if (!message) break;
      const options = forwardedProperties(message, {});
      await confirmedPublish(channel, '', names.main, message.content, options, confirmTimeoutMs);
      channel.ack(message);
      moved++;
    }
    return moved;
  } finally {
    await channel.close().catch(() => {});
  }
}

/** The DLQ's message count from a passive declare: no message is read, so no delivery count grows. */
export async function deadLetterCount(model: ChannelModel, names: QueueNames): Promise<number> {
  // A private channel: a missing DLQ closes the channel it is asked on.
  const channel = await model.createChannel();
  channel.on('error', () => {});
  try {
    return await messageCount(() => channel.checkQueue(names.dlq));
  } finally {
    await channel.close().catch(() => {});
  }
}

async function messageCount(check: () => Promise<{ messageCount: number }>): Promise<number> {
  try {
    return (await check()).messageCount;
  } catch {
    return 0; // the queue was never declared: nothing dead-lettered
  }
}

function toDeadLetter(queue: string, message: GetMessage): DeadLetter {
  const raw = message.content.toString('utf8');
  const decoded = decodeEnvelope(raw);
  const headers = message.properties.headers ?? {};
  return {
    queue,
    envelope: decoded.ok ? decoded.envelope : null,
    raw,
    // Without our headers the broker dead-lettered it after too many redeliveries (see MAX_REDELIVERIES).
    error: String(headers[HEADER_ERROR] ?? 'redelivered too often: its consumer kept failing to settle it'),
    attempts: Number(headers[HEADER_ATTEMPTS] ?? headers[HEADER_ATTEMPT] ?? 1),
  };
}
