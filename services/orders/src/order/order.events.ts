// The order aggregate's domain events (private to orders; integration-events.ts maps them to contract messages).
import type { Currency, PricedLine } from '@techcorp/contracts';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
}

export type OrderEvent =
  | {
      type: 'OrderCreated';
      data: {
        orderId: string;
        orderNumber: string;
        customerId: string;
        lines: PricedLine[];
        total: number;
        currency: Currency;
        paymentMethod: string;
        paymentId: string;
        shippingAddress: ShippingAddress;
        createdAt: string;
        /** The cart this order was checked out from, and the version that was frozen. */
        cart?: { cartId: string; version: number };
      };
    }
  | { type: 'InventoryReserved'; data: { reservationId: string; expiresAt: string; at: string } }
  | { type: 'PaymentProcessed'; data: { paymentId: string; transactionId: string; amount: number; at: string } }
  | { type: 'OrderCompleted'; data: { at: string } }
  | { type: 'OrderCancellationRequested'; data: { reason: string; at: string } }
  | { type: 'InventoryReleased'; data: { reason: string; at: string } }
  | { type: 'PaymentRefunded'; data: { refundId: string; amount: number; at: string } }
  | { type: 'OrderFailed'; data: { reason: string; at: string } }
  | { type: 'OrderCancelled'; data: { reason: string; at: string } }
  | { type: 'OrderStatusUpdated'; data: { status: 'SHIPPED' | 'DELIVERED'; at: string } };

export type OrderEventType = OrderEvent['type'];
