// Integration events orders publishes about an order's life (public; domain events stay inside orders).
import { type Static, Type } from '@sinclair/typebox';
import { Currency, MinorUnits, PricedLine, Uuid } from './common.ts';
import { defineEvent } from './envelope.ts';

export const OrderStatus = Type.Union(
  ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED'].map((s) => Type.Literal(s)),
);
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'FAILED';

/**
 * The order as it stands after the event, with its aggregate version: every order event carries it, so a
 * projection can upsert "if newer" and tolerate duplicates, gaps and reordering.
 */
export const OrderSnapshot = Type.Object({
  orderId: Uuid,
  orderNumber: Type.String(),
  customerId: Type.String(),
  status: OrderStatus,
  failureReason: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(PricedLine),
  total: MinorUnits,
  currency: Currency,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ minimum: 1 }),
});
export type OrderSnapshot = Static<typeof OrderSnapshot>;

export const OrderCreated = defineEvent(
  'order.created',
  Type.Object({
    orderId: Uuid,
    orderNumber: Type.String(),
    customerId: Type.String(),
    lines: Type.Array(PricedLine),
    total: MinorUnits,
    currency: Currency,
    createdAt: Type.String({ format: 'date-time' }),
    /** The cart the order was checked out from (seed 002's cart -> order), so cart can empty it; absent otherwise. */
    cart: Type.Optional(
      Type.Object({ cartId: Type.String({ minLength: 1, maxLength: 64 }), version: Type.Integer({ minimum: 1 }) }),
    ),
    snapshot: OrderSnapshot,
  }),
);
export const OrderConfirmed = defineEvent(
  'order.confirmed',
  Type.Object({
    orderId: Uuid,
    orderNumber: Type.String(),
    customerId: Type.String(),
    total: MinorUnits,
    currency: Currency,
    snapshot: OrderSnapshot,
  }),
);
/** An order that ended without being fulfilled, and why. */
const OrderEnded = Type.Object({
  orderId: Uuid,
  orderNumber: Type.String(),
  customerId: Type.String(),
  reason: Type.String(),
  snapshot: OrderSnapshot,
});
export const OrderFailed = defineEvent('order.failed', OrderEnded);
export const OrderCancelled = defineEvent('order.cancelled', OrderEnded);
export const OrderStatusChanged = defineEvent(
  'order.status_changed',
  Type.Object({
    orderId: Uuid,
    orderNumber: Type.String(),
    customerId: Type.String(),
    status: OrderStatus,
    snapshot: OrderSnapshot,
  }),
);

export type OrderCreatedData = Static<typeof OrderCreated.schema>;
