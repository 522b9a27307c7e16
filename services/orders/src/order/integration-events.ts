// The one mapper from private order events to public contract messages (CONVENTIONS habit 7).
import {
  createMessage,
  type Envelope,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderFailed,
  type OrderSnapshot,
  OrderStatusChanged,
} from '@techcorp/contracts';
import type { ExistingOrder } from './order.decider.ts';
import type { OrderEvent } from './order.events.ts';
import type { AppliedEvent } from './order-stream.ts';

export interface MessageMeta {
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
}

export function orderSnapshot(order: ExistingOrder, version: number): OrderSnapshot {
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    status: order.status,
    failureReason: order.failureReason,
    lines: order.lines,
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    version,
  };
}

/** Maps appended events (each with the order right after it) to contract messages; internal steps map to none. */
export function toIntegrationEvents(steps: readonly AppliedEvent[], meta: MessageMeta): Envelope[] {
  const out: Envelope[] = [];
  for (const { event, state, version } of steps) {
    if (!state.exists) continue;
    const order = state;
    const base = {
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      customerId: order.customerId,
      snapshot: orderSnapshot(order, version),
    };
    const envelope = (def: Parameters<typeof createMessage>[0], data: unknown) =>
      createMessage(def, data, { ...meta, aggregateId: order.orderId });
    switch (event.type) {
      case 'OrderCreated': {
        const { lines, total, currency, createdAt, cart } = event.data;
        out.push(envelope(OrderCreated, { ...base, lines, total, currency, createdAt, ...(cart ? { cart } : {}) }));
        break;
      }
      case 'OrderCompleted':
        out.push(envelope(OrderConfirmed, { ...base, total: order.total, currency: order.currency }));
        break;
      case 'OrderFailed':
        out.push(envelope(OrderFailed, { ...base, reason: event.data.reason }));
        break;
      case 'OrderCancelled':
        out.push(envelope(OrderCancelled, { ...base, reason: event.data.reason }));
        break;
      case 'OrderStatusUpdated':
        out.push(envelope(OrderStatusChanged, { ...base, status: event.data.status }));
        break;
      case 'InventoryReserved':
      case 'PaymentProcessed':
      case 'OrderCancellationRequested':
      case 'InventoryReleased':
      case 'PaymentRefunded':
        break;
      default: {
        const unreachable: never = event;
        throw new Error(`unmapped order event ${(unreachable as OrderEvent).type}`);
      }
    }
  }
  return out;
}
