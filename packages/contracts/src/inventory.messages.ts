// Messages inventory takes (commands) and publishes (events).
import { type Static, Type } from '@sinclair/typebox';
import { ItemQuantity, Uuid } from './common.ts';
import { defineCommand, defineEvent } from './envelope.ts';

export const InventoryReserve = defineCommand(
  'inventory.reserve',
  Type.Object({
    orderId: Uuid,
    items: Type.Array(ItemQuantity, { minItems: 1, maxItems: 100 }),
    ttlSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
  }),
);
export const InventoryConfirm = defineCommand('inventory.confirm', Type.Object({ orderId: Uuid }));
export const InventoryRelease = defineCommand(
  'inventory.release',
  Type.Object({ orderId: Uuid, reason: Type.String({ maxLength: 200 }) }),
);

export const ReservedLine = Type.Object({
  productId: Uuid,
  warehouseId: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
});

export const InventoryReserved = defineEvent(
  'inventory.reserved',
  Type.Object({
    orderId: Uuid,
    reservationId: Uuid,
    lines: Type.Array(ReservedLine),
    expiresAt: Type.String({ format: 'date-time' }),
  }),
);
export const InventoryReservationFailed = defineEvent(
  'inventory.reservation_failed',
  Type.Object({
    orderId: Uuid,
    reason: Type.String(),
    shortages: Type.Array(Type.Object({ productId: Uuid, requested: Type.Integer(), available: Type.Integer() })),
  }),
);
export const InventoryConfirmed = defineEvent(
  'inventory.confirmed',
  Type.Object({ orderId: Uuid, reservationId: Uuid }),
);
/** The reservation could not be confirmed (expired and released, or never made). */
export const InventoryConfirmationFailed = defineEvent(
  'inventory.confirmation_failed',
  Type.Object({ orderId: Uuid, reason: Type.String() }),
);
export const InventoryReleased = defineEvent(
  'inventory.released',
  Type.Object({
    orderId: Uuid,
    reason: Type.String(),
    /** 'reservation' when reserved units went back; 'restock' when sold units were returned. */
    returned: Type.Union([Type.Literal('reservation'), Type.Literal('restock'), Type.Literal('nothing')]),
  }),
);
/** Seed 002's StockUpdated: the available count of a product changed. */
export const InventoryStockChanged = defineEvent(
  'inventory.stock_changed',
  Type.Object({ productId: Uuid, available: Type.Integer(), onHand: Type.Integer(), reserved: Type.Integer() }),
);

export type InventoryReserveData = Static<typeof InventoryReserve.schema>;
export type InventoryReservedData = Static<typeof InventoryReserved.schema>;
export type InventoryReservationFailedData = Static<typeof InventoryReservationFailed.schema>;
export type InventoryReleasedData = Static<typeof InventoryReleased.schema>;
