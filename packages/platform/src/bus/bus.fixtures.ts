// Test helpers for the bus suites: valid envelopes of real message types, recording handlers, gates.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, messageDefinition } from '@techcorp/contracts';
import type { DeliveryInfo, MessageHandler } from './bus.ts';

const orderId = () => randomUUID();

/** An order event's payload: its own fields plus the order snapshot every order event carries. */
function orderEvent(status: string, fields: Record<string, unknown>) {
  const id = orderId();
  const now = new Date().toISOString();
  const order = { orderId: id, orderNumber: 'ORD-1', customerId: 'c1' };
  const snapshot = {
    ...order,
    status,
    failureReason: status === 'FAILED' ? 'test' : null,
    lines: [],
    total: 1000,
    currency: 'USD',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return { ...order, ...fields, snapshot };
}

/** A valid payload for each type the suites publish. */
const payloads: Record<string, () => unknown> = {
  'inventory.reserve': () => ({
    orderId: orderId(),
    items: [{ productId: randomUUID(), quantity: 1 }],
    ttlSeconds: 900,
  }),
  'inventory.confirm': () => ({ orderId: orderId() }),
  'inventory.reserved': () => ({
    orderId: orderId(),
    reservationId: randomUUID(),
    lines: [],
    expiresAt: new Date().toISOString(),
  }),
  'inventory.released': () => ({ orderId: orderId(), reason: 'test', returned: 'reservation' }),
  'payment.failed': () => ({ orderId: orderId(), paymentId: randomUUID(), reason: 'test', code: 'declined' }),
  'order.confirmed': () => orderEvent('CONFIRMED', { total: 1000, currency: 'USD' }),
  'order.failed': () => orderEvent('FAILED', { reason: 'test' }),
  'order.cancelled': () => orderEvent('CANCELLED', { reason: 'test' }),
  'product.updated': () => ({ productId: randomUUID(), changes: ['price'], updatedAt: new Date().toISOString() }),
};

export function testMessage(type: string): Envelope {
  const definition = messageDefinition(type);
  const payload = payloads[type];
  if (!definition || !payload) throw new Error(`no test payload for ${type}`);
  return createMessage(definition, payload(), { aggregateId: randomUUID(), correlationId: `corr-${randomUUID()}` });
}

export interface Delivery {
  message: Envelope;
  info: DeliveryInfo;
}

/** A handler that records every delivery, optionally running `behaviour` (throw to fail the delivery). */
export function recorder(behaviour?: (message: Envelope, info: DeliveryInfo) => Promise<void> | void) {
  const deliveries: Delivery[] = [];
  const handler: MessageHandler = async (message, info) => {
    deliveries.push({ message, info });
    await behaviour?.(message, info);
  };
  return {
    deliveries,
    handler,
    ids: () => deliveries.map((d) => d.message.id),
    types: () => deliveries.map((d) => d.message.type),
    has: (id: string) => deliveries.some((d) => d.message.id === id),
  };
}

/** A promise with its resolve, for holding handlers in flight. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
