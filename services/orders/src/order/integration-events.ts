// The one mapper from private order events to public contract messages (CONVENTIONS habit 7).
import {
  createMessage,
  type Envelope,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderFailed,
  OrderStatusChanged,
} from '@techcorp/contracts';
import type { ExistingOrder } from './order.decider.ts';
import type { OrderEvent } from './order.events.ts';

export interface MessageMeta {
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
}

export function toIntegrationEvents(
  events: readonly OrderEvent[],
  order: ExistingOrder,
  meta: MessageMeta,
): Envelope[] {
  const base = { orderId: order.orderId, orderNumber: order.orderNumber, customerId: order.customerId };
  const envelope = (def: Parameters<typeof createMessage>[0], data: unknown) =>
    createMessage(def, data, { ...meta, aggregateId: order.orderId });
  const out: Envelope[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'OrderCreated': {
        const { lines, total, currency, createdAt } = event.data;
        out.push(envelope(OrderCreated, { ...base, lines, total, currency, createdAt }));
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
