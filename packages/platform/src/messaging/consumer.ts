// The transactional consumer: each message's inbox claim and effect commit together, so a redelivery does nothing.
import { type Envelope, validateEnvelope } from '@techcorp/contracts';
import { type MessageHandler, PermanentMessageError, type Subscription } from '../bus/bus.ts';
import { topicMatches } from '../bus/topic-match.ts';
import { runWithContext } from '../context.ts';
import { crashPoint } from '../crash-point.ts';
import { claimInboxMessage } from './inbox.sql.ts';
import type { ConsumerOptions, TransactionalHandler } from './messaging.ts';

/**
 * Subscribes `options.queue` to the handlers' message types. Per message, in one transaction: claim it in the inbox
 * (a redelivery is skipped), then run its handler; a throwing handler rolls both back and the bus retries.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Subscription> {
  const { sql, bus, logger, consumer, handlers, relay, ...subscribe } = options;
  const routingKeys = Object.keys(handlers);
  if (routingKeys.length === 0) throw new Error(`consumer ${consumer} has no handlers`);

  const onMessage: MessageHandler = async (received) => {
    const message = validated(received);
    const handler = handlerFor(handlers, message.type);
    const context = { correlationId: message.correlationId, causationId: message.id, traceparent: message.traceparent };
    await runWithContext(context, async () => {
      const handled = await sql.transaction(async (tx) => {
        if (!(await claimInboxMessage(tx, consumer, message))) return false;
        await handler(tx, message);
        return true;
      });
      // Committed but not yet acknowledged: the redelivery after a crash here must change nothing.
      crashPoint(`consumer.${consumer}.after-commit`);
      if (handled) relay?.nudge();
      else logger.debug({ consumer, messageId: message.id, type: message.type }, 'duplicate message skipped');
    });
  };
  return bus.subscribe({ ...subscribe, routingKeys }, onMessage);
}

function validated(message: Envelope): Envelope {
  try {
    return validateEnvelope(message);
  } catch (error) {
    throw new PermanentMessageError(error instanceof Error ? error.message : String(error));
  }
}

/** The handler registered for the type: an exact key first, else the first wildcard pattern that matches. */
function handlerFor(handlers: Record<string, TransactionalHandler>, type: string): TransactionalHandler {
  const exact = handlers[type];
  if (exact) return exact;
  const pattern = Object.keys(handlers).find((key) => topicMatches(key, type));
  if (pattern) return handlers[pattern]!;
  throw new PermanentMessageError(`no handler for ${type}`);
}
