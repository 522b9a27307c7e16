// Turns the saga's abstract commands into contract messages, built from the order they concern.
import {
  type Currency,
  createMessage,
  type Envelope,
  InventoryConfirm,
  InventoryRelease,
  InventoryReserve,
  PaymentProcess,
  PaymentRefund,
} from '@techcorp/contracts';
import type { MessageMeta } from '../order/integration-events.ts';
import type { ExistingOrder } from '../order/order.decider.ts';
import type { SagaCommand } from './checkout.types.ts';

export interface CommandContext {
  order: ExistingOrder;
  cardToken: string | null;
  reservationTtlSeconds: number;
  meta: MessageMeta;
}

export function toCommandMessage(command: SagaCommand, ctx: CommandContext): Envelope {
  const { order } = ctx;
  const message = (def: Parameters<typeof createMessage>[0], data: unknown) =>
    createMessage(def, data, { ...ctx.meta, aggregateId: order.orderId });
  switch (command.type) {
    case 'inventory.reserve':
      return message(InventoryReserve, {
        orderId: order.orderId,
        items: order.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        ttlSeconds: ctx.reservationTtlSeconds,
      });
    case 'payment.process':
      if (!ctx.cardToken) throw new Error(`order ${order.orderId}: payment requested after its card token was dropped`);
      return message(PaymentProcess, {
        orderId: order.orderId,
        paymentId: order.paymentId,
        customerId: order.customerId,
        amount: order.total,
        currency: order.currency satisfies Currency,
        method: order.paymentMethod,
        cardToken: ctx.cardToken,
      });
    case 'inventory.confirm':
      return message(InventoryConfirm, { orderId: order.orderId });
    case 'inventory.release':
      return message(InventoryRelease, { orderId: order.orderId, reason: command.reason.slice(0, 200) });
    case 'payment.refund':
      return message(PaymentRefund, {
        orderId: order.orderId,
        paymentId: order.paymentId,
        reason: command.reason.slice(0, 200),
      });
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
