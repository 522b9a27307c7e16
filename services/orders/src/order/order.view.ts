// The order as the API shows it (snake_case), built from the folded event state and the saga row.
import type { Saga } from '../checkout-saga/checkout.types.ts';
import type { ExistingOrder } from './order.decider.ts';

export function orderView(order: ExistingOrder, version: number, saga: Saga | null) {
  const a = order.shippingAddress;
  return {
    order_id: order.orderId,
    order_number: order.orderNumber,
    customer_id: order.customerId,
    status: order.status,
    failure_reason: order.status === 'FAILED' || order.status === 'CANCELLED' ? order.failureReason : null,
    cancellation_requested: order.cancellationRequested !== null,
    items: order.lines.map((l) => ({
      product_id: l.productId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      line_total: l.lineTotal,
    })),
    total: order.total,
    currency: order.currency,
    payment: {
      method: order.paymentMethod,
      captured: order.paymentCaptured,
      refunded: order.paymentRefunded,
    },
    shipping_address: {
      name: a.name,
      line1: a.line1,
      line2: a.line2 ?? null,
      city: a.city,
      state: a.state ?? null,
      postal_code: a.postalCode,
      country: a.country,
    },
    saga: saga ? { state: saga.state, awaiting: saga.awaiting, history: saga.history } : null,
    version,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
  };
}

export type OrderView = ReturnType<typeof orderView>;
