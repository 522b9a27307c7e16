// Builds the envelopes inventory sends, carrying the correlation of the request or message being handled.
import {
  createMessage,
  type Envelope,
  InventoryConfirmationFailed,
  InventoryConfirmed,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  InventoryStockChanged,
  type MessageDefinition,
} from '@techcorp/contracts';
import { currentContext } from '@techcorp/platform';
import type { Reply } from './reservation/reservation.decider.ts';
import type { ProductTotals } from './stock/stock.policy.ts';

const REPLIES: Record<Reply['type'], MessageDefinition> = {
  'inventory.reserved': InventoryReserved,
  'inventory.reservation_failed': InventoryReservationFailed,
  'inventory.confirmed': InventoryConfirmed,
  'inventory.confirmation_failed': InventoryConfirmationFailed,
  'inventory.released': InventoryReleased,
};

/** Outside a request or message (the sweeper) the order id is the correlation: the saga is keyed by it. */
function metadata(aggregateId: string, fallbackCorrelation: string) {
  const context = currentContext();
  return {
    aggregateId,
    correlationId: context?.correlationId ?? fallbackCorrelation,
    causationId: context?.causationId ?? null,
    traceparent: context?.traceparent ?? null,
  };
}

export function replyEnvelope(reply: Reply): Envelope {
  const { orderId } = reply.data;
  return createMessage(REPLIES[reply.type], reply.data, metadata(orderId, orderId));
}

/** Seed 002's StockUpdated for one product; correlated with the order whose change caused it, when there is one. */
export function stockChangedEnvelope(totals: ProductTotals, orderId: string | null): Envelope {
  const { productId, available, onHand, reserved } = totals;
  return createMessage(
    InventoryStockChanged,
    { productId, available, onHand, reserved },
    metadata(productId, orderId ?? productId),
  );
}
