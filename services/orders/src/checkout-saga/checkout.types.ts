// The checkout saga's state, inputs and outputs (seed 003 states; DESIGN.md "The order saga").

export const SAGA_STATES = [
  'STARTED',
  'INVENTORY_RESERVED',
  'PAYMENT_PROCESSING',
  'COMPLETED',
  'COMPENSATING',
  'COMPENSATED',
  'FAILED',
] as const;
export type SagaState = (typeof SAGA_STATES)[number];

/** A step that sends a command and awaits its reply. */
export type Step = 'reserve' | 'pay' | 'confirm' | 'release' | 'refund';
/** Undo actions, pushed after each step that did something; run last-in first-out. */
export type Undo = 'release' | 'refund';

export interface Saga {
  orderId: string;
  state: SagaState;
  /** The step whose reply the saga waits for; null when it waits for nothing. */
  awaiting: Step | null;
  /** How many times the awaited step's command has been sent. */
  attempts: number;
  /** When to re-send the awaited command if no reply came. */
  nextAttemptAt: string | null;
  deadlineAt: string;
  /** Compensation stack: the last element is undone first. */
  undo: Undo[];
  /** Why the saga compensates (or failed). */
  reason: string | null;
  /** The customer asked to cancel: compensation ends the order CANCELLED rather than FAILED. */
  cancel: boolean;
  history: { state: SagaState; at: string }[];
}

export type SagaInput =
  | { type: 'Start' }
  | { type: 'InventoryReserved'; reservationId: string; expiresAt: string }
  | { type: 'InventoryReservationFailed'; reason: string }
  | { type: 'PaymentConfirmed'; paymentId: string; transactionId: string; amount: number }
  | { type: 'PaymentFailed'; reason: string }
  | { type: 'InventoryConfirmed' }
  | { type: 'InventoryConfirmationFailed'; reason: string }
  | { type: 'InventoryReleased'; reason: string }
  | { type: 'PaymentRefunded'; refundId: string; amount: number }
  | { type: 'PaymentRefundSkipped'; reason: string }
  | { type: 'CancelRequested'; reason: string }
  /** The sweeper's clock tick: a reply is overdue or the deadline passed. */
  | { type: 'Tick' };

/** What the saga asks to be sent; the runner builds the payloads from the order. */
export type SagaCommand =
  | { type: 'inventory.reserve' }
  | { type: 'payment.process' }
  | { type: 'inventory.confirm' }
  | { type: 'inventory.release'; reason: string }
  | { type: 'payment.refund'; reason: string };

export interface SagaPolicy {
  deadlineMs: number;
  /** Re-sends of a forward step before the saga gives up on it and compensates. */
  maxRetries: number;
  /** How long to wait for a reply before re-sending, per step; doubled on each re-send. */
  replyTimeoutMs: Record<Step, number>;
  /** Compensation never gives up; its re-send interval is capped here. */
  maxCompensationDelayMs: number;
}

export const DEFAULT_SAGA_POLICY: SagaPolicy = {
  deadlineMs: 5 * 60_000,
  maxRetries: 3,
  replyTimeoutMs: { reserve: 10_000, pay: 30_000, confirm: 10_000, release: 10_000, refund: 30_000 },
  maxCompensationDelayMs: 60_000,
};

export const ACTIVE_STATES: readonly SagaState[] = [
  'STARTED',
  'INVENTORY_RESERVED',
  'PAYMENT_PROCESSING',
  'COMPENSATING',
];
export const isSagaActive = (saga: Saga) => ACTIVE_STATES.includes(saga.state);
