// Every message the platform knows, and the one check consumers run on what they receive.
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { v7 as uuidv7 } from 'uuid';
import './formats.ts';
import { ProductUpdated } from './catalog.messages.ts';
import { type Envelope, EnvelopeSchema, type MessageDefinition } from './envelope.ts';
import * as inventory from './inventory.messages.ts';
import * as orders from './order.messages.ts';
import * as payments from './payment.messages.ts';
import { UserRegistered } from './user.messages.ts';

const definitions: MessageDefinition[] = [
  inventory.InventoryReserve,
  inventory.InventoryConfirm,
  inventory.InventoryRelease,
  inventory.InventoryReserved,
  inventory.InventoryReservationFailed,
  inventory.InventoryConfirmed,
  inventory.InventoryConfirmationFailed,
  inventory.InventoryReleased,
  inventory.InventoryStockChanged,
  payments.PaymentProcess,
  payments.PaymentRefund,
  payments.PaymentConfirmed,
  payments.PaymentFailed,
  payments.PaymentRefunded,
  payments.PaymentRefundSkipped,
  orders.OrderCreated,
  orders.OrderConfirmed,
  orders.OrderFailed,
  orders.OrderCancelled,
  orders.OrderStatusChanged,
  ProductUpdated,
  UserRegistered,
];

const byType = new Map<string, { def: MessageDefinition; check: TypeCheck<TSchema> }>(
  definitions.map((def) => [def.type, { def, check: TypeCompiler.Compile(def.schema) }]),
);
const envelopeCheck = TypeCompiler.Compile(EnvelopeSchema);

export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
}

export function messageDefinition(type: string): MessageDefinition | undefined {
  return byType.get(type)?.def;
}

/** Validates an incoming envelope and its payload against the registered schema; throws InvalidMessageError. */
export function validateEnvelope(raw: unknown): Envelope {
  if (!envelopeCheck.Check(raw)) {
    const first = envelopeCheck.Errors(raw).First();
    throw new InvalidMessageError(`invalid envelope at ${first?.path || '/'}: ${first?.message ?? 'unknown'}`);
  }
  const entry = byType.get(raw.type);
  if (!entry) throw new InvalidMessageError(`unknown message type ${raw.type}`);
  if (raw.version > entry.def.version)
    throw new InvalidMessageError(`unsupported version ${raw.version} of ${raw.type}`);
  if (!entry.check.Check(raw.data)) {
    const first = entry.check.Errors(raw.data).First();
    throw new InvalidMessageError(`invalid ${raw.type} at ${first?.path || '/'}: ${first?.message ?? 'unknown'}`);
  }
  return raw as Envelope;
}

export interface MessageMetadata {
  aggregateId: string;
  correlationId: string;
  causationId?: string | null;
  traceparent?: string | null;
  /** Defaults to the current time; pass it when the caller already has a clock reading. */
  occurredAt?: string;
  /** Defaults to a new UUID v7; pass one to make the message id deterministic (idempotent re-sends). */
  id?: string;
}

/** Builds an envelope at an I/O edge (it reads the clock and makes an id). */
export function createMessage<T>(def: MessageDefinition, data: T, meta: MessageMetadata): Envelope<T> {
  return {
    id: meta.id ?? uuidv7(),
    type: def.type,
    version: def.version,
    occurredAt: meta.occurredAt ?? new Date().toISOString(),
    aggregateId: meta.aggregateId,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    traceparent: meta.traceparent ?? null,
    data,
  };
}
