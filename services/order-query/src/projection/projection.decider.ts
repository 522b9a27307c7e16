// Pure projection rules: whether an order snapshot replaces the stored row, and the row it becomes.
import type { OrderSnapshot } from '@techcorp/contracts';
import { orderSearchTerms } from './search-terms.ts';

export type ProjectionDecision =
  | { kind: 'insert' }
  | { kind: 'update'; from: number }
  | { kind: 'skip'; reason: 'duplicate' | 'stale'; stored: number };

/**
 * Upsert "if newer": the snapshot is the whole order after its event, so the highest version wins whatever
 * order events arrive in, and a redelivery, a gap or a late older event changes nothing.
 */
export function decideProjection(storedVersion: number | null, incomingVersion: number): ProjectionDecision {
  if (storedVersion === null) return { kind: 'insert' };
  if (incomingVersion > storedVersion) return { kind: 'update', from: storedVersion };
  return { kind: 'skip', reason: incomingVersion === storedVersion ? 'duplicate' : 'stale', stored: storedVersion };
}

export interface OrderRow {
  orderId: string;
  orderNumber: string;
  customerId: string;
  status: OrderSnapshot['status'];
  failureReason: string | null;
  totalAmount: number;
  currency: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  searchTerms: string[];
}

export interface OrderItemRow {
  productId: string;
  productName: string;
  sku: string;
  quantity: number;
  price: number;
  lineTotal: number;
}

export interface ReadModelEntry {
  order: OrderRow;
  items: OrderItemRow[];
}

export function readModelEntry(snapshot: OrderSnapshot): ReadModelEntry {
  const items = snapshot.lines.map((line) => ({
    productId: line.productId,
    productName: line.title,
    sku: line.sku,
    quantity: line.quantity,
    price: line.unitPrice,
    lineTotal: line.lineTotal,
  }));
  return {
    order: {
      orderId: snapshot.orderId,
      orderNumber: snapshot.orderNumber,
      customerId: snapshot.customerId,
      status: snapshot.status,
      failureReason: snapshot.failureReason,
      totalAmount: snapshot.total,
      currency: snapshot.currency,
      version: snapshot.version,
      createdAt: snapshot.createdAt,
      updatedAt: snapshot.updatedAt,
      searchTerms: orderSearchTerms({
        orderNumber: snapshot.orderNumber,
        customerId: snapshot.customerId,
        productNames: items.map((i) => i.productName),
      }),
    },
    items,
  };
}
