// Bus side of payments: payment.process / payment.refund from `payments.commands`, with the inbox claim kept in the
// final transaction (the provider call must not sit inside a database transaction, so no single-transaction consumer).
import {
  type Envelope,
  PaymentProcess,
  type PaymentProcessData,
  PaymentRefund,
  validateEnvelope,
} from '@techcorp/contracts';
import {
  type Bus,
  claimInboxMessage,
  type MessageHandler,
  PermanentMessageError,
  runWithContext,
  type Subscription,
} from '@techcorp/platform';
import { type Delivery, type ProcessingDeps, ProviderRefusedError } from './payment.processing.ts';
import { processPayment } from './payment.processor.ts';
import { paymentsRepository } from './payment.sql.ts';
import { refundPayment } from './refund.processor.ts';

export const COMMANDS_QUEUE = 'payments.commands';

export interface PaymentsConsumerOptions {
  bus: Bus;
  prefetch: number;
  retryDelaysMs?: readonly number[];
}

const busDelivery = (message: Envelope): Delivery => ({
  channel: 'bus',
  claim: (tx) => claimInboxMessage(tx, COMMANDS_QUEUE, message),
});

function validated(message: Envelope): Envelope {
  try {
    return validateEnvelope(message);
  } catch (error) {
    throw new PermanentMessageError(error instanceof Error ? error.message : String(error));
  }
}

async function handle(deps: ProcessingDeps, message: Envelope): Promise<void> {
  // Cheap early exit for a redelivery; the claim in the final transaction is what actually guarantees it.
  if (await paymentsRepository(deps.sql).alreadyHandled(COMMANDS_QUEUE, message.id)) return;
  const delivery = busDelivery(message);
  switch (message.type) {
    case PaymentProcess.type:
      await processPayment(deps, message.data as PaymentProcessData, delivery);
      return;
    case PaymentRefund.type: {
      const data = message.data as { orderId: string; paymentId: string; reason: string };
      try {
        await refundPayment(deps, data, delivery);
      } catch (error) {
        // Retrying a refund the provider refused for good only delays the operator: dead-letter it at once.
        if (error instanceof ProviderRefusedError) throw new PermanentMessageError(error.message);
        throw error;
      }
      return;
    }
    default:
      throw new PermanentMessageError(`payments does not handle ${message.type}`);
  }
}

export function startPaymentsConsumer(deps: ProcessingDeps, options: PaymentsConsumerOptions): Promise<Subscription> {
  const onMessage: MessageHandler = async (received, info) => {
    const message = validated(received);
    const context = { correlationId: message.correlationId, causationId: message.id, traceparent: message.traceparent };
    await runWithContext(context, async () => {
      try {
        await handle(deps, message);
      } catch (error) {
        deps.logger.warn(
          { err: error, messageId: message.id, type: message.type, attempt: info.attempt },
          'payment command not settled; the bus will retry it',
        );
        throw error;
      }
    });
  };
  return options.bus.subscribe(
    {
      queue: COMMANDS_QUEUE,
      routingKeys: [PaymentProcess.type, PaymentRefund.type],
      prefetch: options.prefetch,
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    },
    onMessage,
  );
}
