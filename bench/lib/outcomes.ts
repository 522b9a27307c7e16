// Times order outcomes without polling: a private, exclusive queue bound to `order.*` on the platform's exchange
// records when each order.confirmed / order.failed / order.cancelled arrives.
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';

export const TERMINAL_EVENTS = ['order.confirmed', 'order.failed', 'order.cancelled'] as const;
export type TerminalEvent = (typeof TERMINAL_EVENTS)[number];

export interface Outcome {
  type: TerminalEvent;
  /** performance.now() at arrival. */
  at: number;
  /** Why an order failed or was cancelled, as the event says. */
  reason?: string;
}

export interface OutcomeWatcher {
  outcomes: Map<string, Outcome>;
  /** order.* messages seen, duplicates included (the bus is at-least-once). */
  received: number;
  /** With tracing on: first arrival (performance.now()) of every message type per order, e.g. inventory.reserve. */
  hops: Map<string, Map<string, number>>;
  close(): Promise<void>;
}

const isTerminal = (type: string): type is TerminalEvent => (TERMINAL_EVENTS as readonly string[]).includes(type);

/** `trace` binds every routing key (commands and replies too), to show where the time to CONFIRMED goes. */
export async function watchOutcomes(rabbitUrl: string, exchange: string, trace = false): Promise<OutcomeWatcher> {
  const connection = await amqp.connect(rabbitUrl, { timeout: 10_000 });
  const channel = await connection.createChannel();
  await channel.checkExchange(exchange);
  // Transient and exclusive: it vanishes with the connection and never slows the broker's disk path.
  const { queue } = await channel.assertQueue('', { exclusive: true, durable: false, autoDelete: true });
  await channel.bindQueue(queue, exchange, trace ? '#' : 'order.*');
  const watcher: OutcomeWatcher = {
    outcomes: new Map(),
    received: 0,
    hops: new Map(),
    async close() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
  await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const at = performance.now();
      watcher.received++;
      try {
        const envelope = JSON.parse(message.content.toString('utf8')) as {
          type: string;
          data?: { orderId?: string; reason?: string };
        };
        const orderId = envelope.data?.orderId;
        if (trace && orderId) {
          const seen = watcher.hops.get(orderId) ?? new Map<string, number>();
          if (!seen.has(envelope.type)) seen.set(envelope.type, at);
          watcher.hops.set(orderId, seen);
        }
        // The first terminal event counts; a redelivered duplicate must not move the timestamp.
        if (orderId && isTerminal(envelope.type) && !watcher.outcomes.has(orderId))
          watcher.outcomes.set(orderId, { type: envelope.type, at, reason: envelope.data?.reason });
      } catch {
        // not an envelope: ignore
      }
    },
    { noAck: true },
  );
  return watcher;
}
