// The order aggregate as a pure decider: decide(command, state) -> events, evolve(state, event) -> state.
import type { OrderStatus } from '@techcorp/contracts';
import { conflict } from '@techcorp/platform';
import type { OrderEvent } from './order.events.ts';

type Created = Extract<OrderEvent, { type: 'OrderCreated' }>['data'];

export type OrderState =
  | { exists: false }
  | (Created & {
      exists: true;
      status: OrderStatus;
      reservationId: string | null;
      paymentCaptured: boolean;
      paymentRefunded: boolean;
      inventoryReleased: boolean;
      cancellationRequested: string | null;
      failureReason: string | null;
      updatedAt: string;
    });

export type ExistingOrder = Extract<OrderState, { exists: true }>;

export type OrderCommand =
  | { type: 'PlaceOrder'; data: Created }
  | { type: 'RecordInventoryReserved'; data: { reservationId: string; expiresAt: string; now: string } }
  | { type: 'RecordPaymentProcessed'; data: { paymentId: string; transactionId: string; amount: number; now: string } }
  | { type: 'CompleteOrder'; data: { now: string } }
  | { type: 'RequestCancellation'; data: { reason: string; now: string } }
  | { type: 'RecordInventoryReleased'; data: { reason: string; now: string } }
  | { type: 'RecordPaymentRefunded'; data: { refundId: string; amount: number; now: string } }
  | { type: 'FailOrder'; data: { reason: string; now: string } }
  | { type: 'FinishCancellation'; data: { now: string } }
  | { type: 'UpdateStatus'; data: { status: 'SHIPPED' | 'DELIVERED'; now: string } };

export const initialState = (): OrderState => ({ exists: false });

const TERMINAL: readonly OrderStatus[] = ['DELIVERED', 'CANCELLED', 'FAILED'];
export const isTerminal = (status: OrderStatus) => TERMINAL.includes(status);

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderCreated') {
    return {
      ...event.data,
      exists: true,
      status: 'PENDING',
      reservationId: null,
      paymentCaptured: false,
      paymentRefunded: false,
      inventoryReleased: false,
      cancellationRequested: null,
      failureReason: null,
      updatedAt: event.data.createdAt,
    };
  }
  if (!state.exists) return state;
  const at = event.data.at;
  switch (event.type) {
    case 'InventoryReserved':
      return { ...state, reservationId: event.data.reservationId, updatedAt: at };
    case 'PaymentProcessed':
      return { ...state, paymentCaptured: true, updatedAt: at };
    case 'OrderCompleted':
      return { ...state, status: 'CONFIRMED', updatedAt: at };
    case 'OrderCancellationRequested':
      return { ...state, cancellationRequested: event.data.reason, updatedAt: at };
    case 'InventoryReleased':
      return { ...state, inventoryReleased: true, updatedAt: at };
    case 'PaymentRefunded':
      return { ...state, paymentRefunded: true, updatedAt: at };
    case 'OrderFailed':
      return { ...state, status: 'FAILED', failureReason: event.data.reason, updatedAt: at };
    case 'OrderCancelled':
      return { ...state, status: 'CANCELLED', failureReason: event.data.reason, updatedAt: at };
    case 'OrderStatusUpdated':
      return { ...state, status: event.data.status, updatedAt: at };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function requireOrder(state: OrderState): ExistingOrder {
  if (!state.exists) throw conflict('order does not exist');
  return state;
}

function requireOpen(order: ExistingOrder, action: string): void {
  if (order.status !== 'PENDING') throw conflict(`cannot ${action}: order is ${order.status}`);
}

export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'PlaceOrder':
      if (state.exists) throw conflict('order already exists');
      if (command.data.lines.length === 0) throw conflict('an order needs at least one line');
      return [{ type: 'OrderCreated', data: command.data }];
    case 'RecordInventoryReserved': {
      const order = requireOrder(state);
      if (order.reservationId === command.data.reservationId) return [];
      const { reservationId, expiresAt, now } = command.data;
      return [{ type: 'InventoryReserved', data: { reservationId, expiresAt, at: now } }];
    }
    case 'RecordPaymentProcessed': {
      const order = requireOrder(state);
      if (order.paymentCaptured) return [];
      const { paymentId, transactionId, amount, now } = command.data;
      return [{ type: 'PaymentProcessed', data: { paymentId, transactionId, amount, at: now } }];
    }
    case 'CompleteOrder': {
      const order = requireOrder(state);
      if (order.status === 'CONFIRMED') return [];
      requireOpen(order, 'complete');
      if (!order.paymentCaptured || !order.reservationId) throw conflict('cannot complete: not reserved and paid');
      return [{ type: 'OrderCompleted', data: { at: command.data.now } }];
    }
    case 'RequestCancellation': {
      const order = requireOrder(state);
      if (order.status === 'CANCELLED' || order.cancellationRequested) return [];
      if (order.status !== 'PENDING' && order.status !== 'CONFIRMED')
        throw conflict(`cannot cancel: order is ${order.status}`);
      return [{ type: 'OrderCancellationRequested', data: { reason: command.data.reason, at: command.data.now } }];
    }
    case 'RecordInventoryReleased': {
      const order = requireOrder(state);
      if (order.inventoryReleased) return [];
      return [{ type: 'InventoryReleased', data: { reason: command.data.reason, at: command.data.now } }];
    }
    case 'RecordPaymentRefunded': {
      const order = requireOrder(state);
      if (order.paymentRefunded) return [];
      const { refundId, amount, now } = command.data;
      return [{ type: 'PaymentRefunded', data: { refundId, amount, at: now } }];
    }
    case 'FailOrder': {
      const order = requireOrder(state);
      if (order.status === 'FAILED') return [];
      requireOpen(order, 'fail');
      return [{ type: 'OrderFailed', data: { reason: command.data.reason, at: command.data.now } }];
    }
    case 'FinishCancellation': {
      const order = requireOrder(state);
      if (order.status === 'CANCELLED') return [];
      if (!order.cancellationRequested) throw conflict('cannot cancel: no cancellation was requested');
      if (order.status !== 'PENDING' && order.status !== 'CONFIRMED')
        throw conflict(`cannot cancel: order is ${order.status}`);
      return [{ type: 'OrderCancelled', data: { reason: order.cancellationRequested, at: command.data.now } }];
    }
    case 'UpdateStatus': {
      const order = requireOrder(state);
      const { status, now } = command.data;
      if (order.status === status) return [];
      const allowed =
        (status === 'SHIPPED' && order.status === 'CONFIRMED') ||
        (status === 'DELIVERED' && order.status === 'SHIPPED');
      if (!allowed || order.cancellationRequested)
        throw conflict(`cannot change status from ${order.status} to ${status}`);
      return [{ type: 'OrderStatusUpdated', data: { status, at: now } }];
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const foldEvents = (events: readonly OrderEvent[]): OrderState => events.reduce(evolve, initialState());
