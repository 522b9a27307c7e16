// Given/when/then specifications of the order decider: every command from every relevant state.
import { describe, expect, it } from 'vitest';
import { decide, foldEvents, type OrderCommand } from './order.decider.ts';
import type { OrderEvent } from './order.events.ts';

const now = '2026-01-01T00:00:00.000Z';
const created: OrderEvent = {
  type: 'OrderCreated',
  data: {
    orderId: '0190f5d6-0000-7000-8000-000000000001',
    orderNumber: 'TC-2026-000001',
    customerId: 'c1',
    lines: [
      {
        productId: '0190f5d6-0000-7000-8000-0000000000aa',
        sku: 'SKU-1',
        title: 'Shirt',
        quantity: 2,
        unitPrice: 500,
        lineTotal: 1000,
      },
    ],
    total: 1000,
    currency: 'BRL',
    paymentMethod: 'credit_card',
    paymentId: '0190f5d6-0000-7000-8000-0000000000bb',
    shippingAddress: { name: 'Ana', line1: 'Rua 1', city: 'SP', postalCode: '01000-000', country: 'BR' },
    createdAt: now,
  },
};
const reserved: OrderEvent = { type: 'InventoryReserved', data: { reservationId: 'r1', expiresAt: now, at: now } };
const paid: OrderEvent = {
  type: 'PaymentProcessed',
  data: { paymentId: 'p', transactionId: 't', amount: 1000, at: now },
};
const completed: OrderEvent = { type: 'OrderCompleted', data: { at: now } };
const shipped: OrderEvent = { type: 'OrderStatusUpdated', data: { status: 'SHIPPED', at: now } };
const cancelRequested: OrderEvent = { type: 'OrderCancellationRequested', data: { reason: 'customer', at: now } };

const given = (...events: OrderEvent[]) => ({
  when: (command: OrderCommand) => ({
    thenEmits: (expected: OrderEvent['type'][]) =>
      expect(decide(command, foldEvents(events)).map((e) => e.type)).toEqual(expected),
    thenRejects: (message: RegExp) => expect(() => decide(command, foldEvents(events))).toThrow(message),
  }),
});

describe('no order yet', () => {
  it('PlaceOrder creates it as PENDING', () => {
    given().when({ type: 'PlaceOrder', data: created.data }).thenEmits(['OrderCreated']);
    expect(foldEvents([created])).toMatchObject({ status: 'PENDING', total: 1000 });
  });
  it('PlaceOrder without lines is refused', () => {
    given()
      .when({ type: 'PlaceOrder', data: { ...created.data, lines: [] } })
      .thenRejects(/at least one line/);
  });
  it('any other command is refused', () => {
    given()
      .when({ type: 'CompleteOrder', data: { now } })
      .thenRejects(/does not exist/);
  });
});

describe('PENDING', () => {
  it('a second PlaceOrder is refused', () => {
    given(created)
      .when({ type: 'PlaceOrder', data: created.data })
      .thenRejects(/already exists/);
  });
  it('records the reservation once', () => {
    const cmd: OrderCommand = { type: 'RecordInventoryReserved', data: { reservationId: 'r1', expiresAt: now, now } };
    given(created).when(cmd).thenEmits(['InventoryReserved']);
    given(created, reserved).when(cmd).thenEmits([]);
  });
  it('records the payment once', () => {
    const cmd: OrderCommand = {
      type: 'RecordPaymentProcessed',
      data: { paymentId: 'p', transactionId: 't', amount: 1, now },
    };
    given(created, reserved).when(cmd).thenEmits(['PaymentProcessed']);
    given(created, reserved, paid).when(cmd).thenEmits([]);
  });
  it('completes only when reserved and paid', () => {
    given(created, reserved)
      .when({ type: 'CompleteOrder', data: { now } })
      .thenRejects(/not reserved and paid/);
    given(created, reserved, paid).when({ type: 'CompleteOrder', data: { now } }).thenEmits(['OrderCompleted']);
    expect(
      foldEvents([created, reserved, paid, completed]).exists && foldEvents([created, reserved, paid, completed]),
    ).toMatchObject({ status: 'CONFIRMED' });
  });
  it('fails with a reason', () => {
    given(created)
      .when({ type: 'FailOrder', data: { reason: 'no stock', now } })
      .thenEmits(['OrderFailed']);
    expect(foldEvents([created, { type: 'OrderFailed', data: { reason: 'no stock', at: now } }])).toMatchObject({
      status: 'FAILED',
      failureReason: 'no stock',
    });
  });
  it('accepts a cancellation request once, then finishes it as CANCELLED', () => {
    given(created)
      .when({ type: 'RequestCancellation', data: { reason: 'customer', now } })
      .thenEmits(['OrderCancellationRequested']);
    given(created, cancelRequested)
      .when({ type: 'RequestCancellation', data: { reason: 'again', now } })
      .thenEmits([]);
    given(created, cancelRequested).when({ type: 'FinishCancellation', data: { now } }).thenEmits(['OrderCancelled']);
  });
  it('cannot finish a cancellation nobody asked for', () => {
    given(created)
      .when({ type: 'FinishCancellation', data: { now } })
      .thenRejects(/no cancellation was requested/);
  });
  it('cannot be shipped', () => {
    given(created)
      .when({ type: 'UpdateStatus', data: { status: 'SHIPPED', now } })
      .thenRejects(/PENDING to SHIPPED/);
  });
  it('records compensations once each', () => {
    given(created)
      .when({ type: 'RecordInventoryReleased', data: { reason: 'x', now } })
      .thenEmits(['InventoryReleased']);
    given(created, { type: 'InventoryReleased', data: { reason: 'x', at: now } })
      .when({ type: 'RecordInventoryReleased', data: { reason: 'x', now } })
      .thenEmits([]);
    given(created, paid)
      .when({ type: 'RecordPaymentRefunded', data: { refundId: 'f', amount: 1000, now } })
      .thenEmits(['PaymentRefunded']);
  });
});

describe('CONFIRMED', () => {
  const confirmed = [created, reserved, paid, completed];
  it('ships, then delivers', () => {
    given(...confirmed)
      .when({ type: 'UpdateStatus', data: { status: 'SHIPPED', now } })
      .thenEmits(['OrderStatusUpdated']);
    given(...confirmed, shipped)
      .when({ type: 'UpdateStatus', data: { status: 'DELIVERED', now } })
      .thenEmits(['OrderStatusUpdated']);
  });
  it('cannot jump to DELIVERED', () => {
    given(...confirmed)
      .when({ type: 'UpdateStatus', data: { status: 'DELIVERED', now } })
      .thenRejects(/CONFIRMED to DELIVERED/);
  });
  it('can still be cancelled, and is not shipped while cancelling', () => {
    given(...confirmed)
      .when({ type: 'RequestCancellation', data: { reason: 'c', now } })
      .thenEmits(['OrderCancellationRequested']);
    given(...confirmed, cancelRequested)
      .when({ type: 'UpdateStatus', data: { status: 'SHIPPED', now } })
      .thenRejects(/cannot change status/);
  });
  it('cannot fail', () => {
    given(...confirmed)
      .when({ type: 'FailOrder', data: { reason: 'x', now } })
      .thenRejects(/order is CONFIRMED/);
  });
});

describe('SHIPPED and terminal states', () => {
  it('a shipped order cannot be cancelled', () => {
    given(created, reserved, paid, completed, shipped)
      .when({ type: 'RequestCancellation', data: { reason: 'c', now } })
      .thenRejects(/order is SHIPPED/);
  });
  it('a failed order cannot be cancelled', () => {
    given(created, { type: 'OrderFailed', data: { reason: 'x', at: now } })
      .when({ type: 'RequestCancellation', data: { reason: 'c', now } })
      .thenRejects(/order is FAILED/);
  });
  it('cancelling a cancelled order is a no-op', () => {
    given(created, cancelRequested, { type: 'OrderCancelled', data: { reason: 'customer', at: now } })
      .when({ type: 'RequestCancellation', data: { reason: 'again', now } })
      .thenEmits([]);
  });
});
