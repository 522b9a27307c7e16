// Bus handlers for inventory's commands; each runs in the consumer's transaction beside its inbox row.
import type { Static } from '@sinclair/typebox';
import { InventoryConfirm, InventoryRelease, InventoryReserve, type InventoryReserveData } from '@techcorp/contracts';
import type { TransactionalHandler } from '@techcorp/platform';
import type { ReservationCommands } from './reservation.commands.ts';

export const COMMAND_QUEUE = 'inventory.commands';

/** Payloads arrive validated against their contract schema (the consumer runs validateEnvelope first). */
export function reservationHandlers(commands: ReservationCommands): Record<string, TransactionalHandler> {
  return {
    [InventoryReserve.type]: async (tx, message) => {
      await commands.reserve(tx, message.data as InventoryReserveData);
    },
    [InventoryConfirm.type]: async (tx, message) => {
      await commands.confirm(tx, message.data as Static<typeof InventoryConfirm.schema>);
    },
    [InventoryRelease.type]: async (tx, message) => {
      await commands.release(tx, message.data as Static<typeof InventoryRelease.schema>);
    },
  };
}
