// Integration events orders publishes about an order's life (public; domain events stay inside orders).
import { type Static, Type } from '@sinclair/typebox';
import { Currency, MinorUnits, PricedLine, Uuid } from './common.ts';
import { defineEvent } from './envelope.ts';

export const OrderStatus = Type.Union(
  ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED'].map((s) => Type.Literal(s)),
);
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'FAILED';

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
  }),
);
export const OrderFailed = defineEvent(
  'order.failed',
  Type.Object({ orderId: Uuid, orderNumber: Type.String(), customerId: Type.String(), reason: Type.String() }),
);
export const OrderCancelled = defineEvent(
  'order.cancelled',
  Type.Object({ orderId: Uuid, orderNumber: Type.String(), customerId: Type.String(), reason: Type.String() }),
);
export const OrderStatusChanged = defineEvent(
  'order.status_changed',
  Type.Object({ orderId: Uuid, orderNumber: Type.String(), customerId: Type.String(), status: OrderStatus }),
);

export type OrderCreatedData = Static<typeof OrderCreated.schema>;
