// What payment and refund processing share: dependencies, how a command was delivered, outgoing messages, errors.
import { randomUUID } from 'node:crypto';
import {
  createMessage,
  type Envelope,
  type MessageDefinition,
  PaymentConfirmed,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
} from '@techcorp/contracts';
import { currentContext, type EnqueueOutbox, type Logger, type Sql, type SqlExecutor } from '@techcorp/platform';
import type { PaymentsMetrics } from '../metrics.ts';
import type { ProviderClient } from '../provider/provider.client.ts';
import type { PaymentOutcome, RefundOutcome } from './payment.model.ts';

export interface ProcessingDeps {
  sql: Sql;
  provider: ProviderClient;
  logger: Logger;
  metrics: PaymentsMetrics;
  enqueue: EnqueueOutbox;
  /** Wakes the outbox relay after a commit that enqueued messages. */
  nudge(): void;
}

/** How a command reached us: over the bus (it expects a reply, dedup by inbox) or over admin HTTP. */
export interface Delivery {
  readonly channel: 'bus' | 'http';
  /** Claims the command inside the final transaction; false when a redelivery already handled it. */
  claim(tx: SqlExecutor): Promise<boolean>;
}

export const httpDelivery: Delivery = { channel: 'http', claim: async () => true };

/** Nothing changed, so only a bus command (whose sender waits for an answer) is answered again. */
export const answersAgain = (delivery: Delivery): boolean => delivery.channel === 'bus';

/** The command cannot be settled now (a charge of the same payment or order is in flight): try again later. */
export class PaymentBusyError extends Error {
  override readonly name = 'PaymentBusyError';
}

/** The provider could not be asked (unreachable, breaker open) and the answer matters: try again later. */
export class ProviderUnreachableError extends Error {
  override readonly name = 'ProviderUnreachableError';
}

/** The provider refused for good (e.g. a refund it will never do): an operator has to look. */
export class ProviderRefusedError extends Error {
  override readonly name = 'ProviderRefusedError';
}

const DEFINITIONS: Record<(PaymentOutcome | RefundOutcome)['type'], MessageDefinition> = {
  'payment.confirmed': PaymentConfirmed,
  'payment.failed': PaymentFailed,
  'payment.refunded': PaymentRefunded,
  'payment.refund_skipped': PaymentRefundSkipped,
};

/** The contract envelope for an outcome, carrying the correlation of the command or request being handled. */
export function outcomeMessage(outcome: PaymentOutcome | RefundOutcome): Envelope {
  const context = currentContext();
  return createMessage(DEFINITIONS[outcome.type], outcome.data, {
    aggregateId: outcome.data.paymentId,
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    traceparent: context?.traceparent ?? null,
  });
}

/** Enqueues the outcome in the caller's transaction (the relay publishes it after commit). */
export async function send(deps: ProcessingDeps, tx: SqlExecutor, outcome: PaymentOutcome | RefundOutcome) {
  await deps.enqueue(tx, [outcomeMessage(outcome)]);
}
