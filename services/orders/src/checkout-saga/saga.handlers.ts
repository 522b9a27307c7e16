// Replies from inventory and payments, turned into saga inputs (queue orders.saga, inbox de-duplicated).
import type {
  Envelope,
  InventoryReleasedData,
  InventoryReservationFailedData,
  InventoryReservedData,
  PaymentConfirmedData,
  PaymentFailedData,
} from '@techcorp/contracts';
import type { TransactionalHandler } from '@techcorp/platform';
import type { SagaInput } from './checkout.types.ts';
import { advanceSaga, type SagaRunnerConfig } from './saga-runner.ts';

type ToInput = (data: never) => SagaInput;

const inputs: Record<string, ToInput> = {
  'inventory.reserved': (d: InventoryReservedData) => ({
    type: 'InventoryReserved',
    reservationId: d.reservationId,
    expiresAt: d.expiresAt,
  }),
  'inventory.reservation_failed': (d: InventoryReservationFailedData) => ({
    type: 'InventoryReservationFailed',
    reason: d.shortages.length
      ? d.shortages.map((s) => `${s.productId} requested ${s.requested}, available ${s.available}`).join('; ')
      : d.reason,
  }),
  'inventory.confirmed': () => ({ type: 'InventoryConfirmed' }),
  'inventory.confirmation_failed': (d: { reason: string }) => ({
    type: 'InventoryConfirmationFailed',
    reason: d.reason,
  }),
  'inventory.released': (d: InventoryReleasedData) => ({ type: 'InventoryReleased', reason: d.reason }),
  'payment.confirmed': (d: PaymentConfirmedData) => ({
    type: 'PaymentConfirmed',
    paymentId: d.paymentId,
    transactionId: d.transactionId,
    amount: d.amount,
  }),
  'payment.failed': (d: PaymentFailedData) => ({ type: 'PaymentFailed', reason: `${d.code}: ${d.reason}` }),
  'payment.refunded': (d: { refundId: string; amount: number }) => ({
    type: 'PaymentRefunded',
    refundId: d.refundId,
    amount: d.amount,
  }),
  'payment.refund_skipped': (d: { reason: string }) => ({ type: 'PaymentRefundSkipped', reason: d.reason }),
};

export const SAGA_QUEUE = 'orders.saga';

export function sagaHandlers(config: SagaRunnerConfig): Record<string, TransactionalHandler> {
  const handlers: Record<string, TransactionalHandler> = {};
  for (const [type, toInput] of Object.entries(inputs)) {
    handlers[type] = async (tx, message: Envelope) => {
      const orderId = (message.data as { orderId: string }).orderId;
      await advanceSaga(tx, config, orderId, toInput(message.data as never), message.id);
    };
  }
  return handlers;
}
