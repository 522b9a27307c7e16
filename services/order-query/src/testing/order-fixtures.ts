// Test fixtures: realistic order snapshots and the order.* envelopes orders would publish for them.
import { randomUUID } from 'node:crypto';
import {
  createMessage,
  type Envelope,
  type MessageDefinition,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderFailed,
  type OrderSnapshot,
  type OrderStatus,
  OrderStatusChanged,
  type PricedLine,
} from '@techcorp/contracts';

let sequence = 0;

export interface LineSpec {
  productId?: string;
  title: string;
  quantity: number;
  unitPrice: number;
}

export function line(spec: LineSpec): PricedLine {
  return {
    productId: spec.productId ?? randomUUID(),
    sku: `SKU-${
      spec.title
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 10)
        .toUpperCase() || 'X'
    }`,
    title: spec.title,
    quantity: spec.quantity,
    unitPrice: spec.unitPrice,
    lineTotal: spec.quantity * spec.unitPrice,
  };
}

export interface OrderSpec {
  orderId?: string;
  orderNumber?: string;
  customerId?: string;
  lines?: PricedLine[];
  currency?: OrderSnapshot['currency'];
  createdAt?: string;
}

/** A just-placed order (version 1, PENDING). */
export function newOrder(spec: OrderSpec = {}): OrderSnapshot {
  sequence += 1;
  const createdAt = spec.createdAt ?? new Date().toISOString();
  const lines = spec.lines ?? [line({ title: 'Trail running shoe', quantity: 1, unitPrice: 45_990 })];
  return {
    orderId: spec.orderId ?? randomUUID(),
    orderNumber: spec.orderNumber ?? `TC-${createdAt.slice(0, 4)}-${String(sequence).padStart(6, '0')}`,
    customerId: spec.customerId ?? `customer-${randomUUID().slice(0, 8)}`,
    status: 'PENDING',
    failureReason: null,
    lines,
    total: lines.reduce((sum, l) => sum + l.lineTotal, 0),
    currency: spec.currency ?? 'BRL',
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

/** The order at a later version (internal steps in between are gaps the projection never sees). */
export function advance(
  snapshot: OrderSnapshot,
  version: number,
  changes: Partial<Pick<OrderSnapshot, 'status' | 'failureReason' | 'lines'>>,
): OrderSnapshot {
  const lines = changes.lines ?? snapshot.lines;
  const updatedAt = new Date(Date.parse(snapshot.updatedAt) + (version - snapshot.version) * 1000).toISOString();
  return { ...snapshot, ...changes, lines, total: lines.reduce((s, l) => s + l.lineTotal, 0), version, updatedAt };
}

const DEFINITION: Record<OrderStatus, MessageDefinition> = {
  PENDING: OrderCreated,
  CONFIRMED: OrderConfirmed,
  FAILED: OrderFailed,
  CANCELLED: OrderCancelled,
  SHIPPED: OrderStatusChanged,
  DELIVERED: OrderStatusChanged,
};

/** The envelope orders publishes for the event that produced this snapshot. */
export function orderEvent(snapshot: OrderSnapshot, meta: { id?: string; occurredAt?: string } = {}): Envelope {
  const base = {
    orderId: snapshot.orderId,
    orderNumber: snapshot.orderNumber,
    customerId: snapshot.customerId,
    snapshot,
  };
  const data = dataFor(snapshot, base);
  return createMessage(DEFINITION[snapshot.status as OrderStatus], data, {
    aggregateId: snapshot.orderId,
    correlationId: `test-${snapshot.orderId}`,
    occurredAt: meta.occurredAt ?? snapshot.updatedAt,
    ...(meta.id ? { id: meta.id } : {}),
  });
}

function dataFor(snapshot: OrderSnapshot, base: Record<string, unknown>): Record<string, unknown> {
  const { total, currency, lines, createdAt } = snapshot;
  const status = snapshot.status as OrderStatus;
  switch (status) {
    case 'PENDING':
      return { ...base, lines, total, currency, createdAt };
    case 'CONFIRMED':
      return { ...base, total, currency };
    case 'FAILED':
    case 'CANCELLED':
      return { ...base, reason: snapshot.failureReason ?? 'test' };
    case 'SHIPPED':
    case 'DELIVERED':
      return { ...base, status };
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
