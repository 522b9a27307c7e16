// Pure reservation lifecycle: given the order's reservation (or none), a command and the clock, what changes and what replies.
import type { InventoryReleasedData, InventoryReservationFailedData, InventoryReservedData } from '@techcorp/contracts';
import {
  type AllocatedLine,
  allocate,
  type RequestedItem,
  type Shortage,
  type StockChange,
  type StockRow,
} from '../stock/stock.policy.ts';

export const RESERVATION_STATUSES = ['RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'FAILED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
export type Returned = InventoryReleasedData['returned'];

export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  /** Null for FAILED outcomes and RELEASED tombstones, which never held stock. */
  expiresAt: Date | null;
  lines: AllocatedLine[];
  failure: { reason: string; shortages: Shortage[] } | null;
  /** How the reservation ended when it was released or expired, so a repeated release replies the same. */
  release: { reason: string; returned: Returned } | null;
}

export type Reply =
  | { type: 'inventory.reserved'; data: InventoryReservedData }
  | { type: 'inventory.reservation_failed'; data: InventoryReservationFailedData }
  | { type: 'inventory.confirmed'; data: { orderId: string; reservationId: string } }
  | { type: 'inventory.confirmation_failed'; data: { orderId: string; reason: string } }
  | { type: 'inventory.released'; data: InventoryReleasedData };

export interface Decision {
  /** The reservation to persist; null when nothing about it changes. */
  next: Reservation | null;
  changes: StockChange[];
  /** The answer to the command. */
  reply: Reply;
  /** Further events (a lapsed reservation found on the way is announced as released). */
  events: Reply[];
}

export const INSUFFICIENT_STOCK = 'insufficient stock';
export const EXPIRED_REASON = 'expired';

export interface ReserveCommand {
  orderId: string;
  items: RequestedItem[];
  ttlSeconds: number;
  /** Id for a new reservation (ids arrive from the edge; the decider makes none). */
  reservationId: string;
  now: Date;
}

const isDue = (r: Reservation, now: Date) =>
  r.status === 'RESERVED' && r.expiresAt !== null && r.expiresAt.getTime() <= now.getTime();

const linesAs = (r: Reservation, kind: StockChange['kind']): StockChange[] => r.lines.map((l) => ({ ...l, kind }));

const unchanged = (reply: Reply): Decision => ({ next: null, changes: [], reply, events: [] });

const reservedReply = (r: Reservation): Reply => ({
  type: 'inventory.reserved',
  data: {
    orderId: r.orderId,
    reservationId: r.id,
    lines: r.lines.map((l) => ({ ...l })),
    expiresAt: (r.expiresAt ?? new Date(0)).toISOString(),
  },
});

const failedReply = (orderId: string, reason: string, shortages: Shortage[] = []): Reply => ({
  type: 'inventory.reservation_failed',
  data: { orderId, reason, shortages: shortages.map((s) => ({ ...s })) },
});

const releasedReply = (orderId: string, reason: string, returned: Returned): Reply => ({
  type: 'inventory.released',
  data: { orderId, reason, returned },
});

/** RESERVED past its expiry -> EXPIRED with the units back; used by the sweeper and by any command that meets it. */
export function decideExpire(r: Reservation, now: Date): Decision | null {
  if (!isDue(r, now)) return null;
  const next: Reservation = { ...r, status: 'EXPIRED', release: { reason: EXPIRED_REASON, returned: 'reservation' } };
  return {
    next,
    changes: linesAs(r, 'EXPIRE'),
    reply: releasedReply(r.orderId, EXPIRED_REASON, 'reservation'),
    events: [],
  };
}

/** Runs `then` on the reservation as it stands after a due expiry, keeping the expiry's effects. */
function afterExpiry(r: Reservation, now: Date, then: (current: Reservation) => Decision): Decision {
  const expiry = decideExpire(r, now);
  if (!expiry?.next) return then(r);
  const after = then(expiry.next);
  return {
    ...after,
    next: after.next ?? expiry.next,
    changes: [...expiry.changes, ...after.changes],
    events: [expiry.reply, ...after.events],
  };
}

function replyToRepeatedReserve(r: Reservation): Reply {
  switch (r.status) {
    case 'RESERVED':
    case 'CONFIRMED':
      return reservedReply(r);
    case 'FAILED':
      return failedReply(r.orderId, r.failure?.reason ?? INSUFFICIENT_STOCK, r.failure?.shortages);
    case 'RELEASED':
      return failedReply(r.orderId, 'order released');
    case 'EXPIRED':
      return failedReply(r.orderId, 'reservation expired');
    default:
      return assertNever(r.status);
  }
}

/** Idempotent per order: only the first reserve allocates; later ones reply what the first decided. */
export function decideReserve(current: Reservation | null, cmd: ReserveCommand, stock: readonly StockRow[]): Decision {
  if (current) return afterExpiry(current, cmd.now, (r) => unchanged(replyToRepeatedReserve(r)));
  const allocation = allocate(cmd.items, stock);
  const base = { id: cmd.reservationId, orderId: cmd.orderId, release: null };
  if (allocation.kind === 'short') {
    const failure = { reason: INSUFFICIENT_STOCK, shortages: allocation.shortages };
    const next: Reservation = { ...base, status: 'FAILED', expiresAt: null, lines: [], failure };
    return { next, changes: [], reply: failedReply(cmd.orderId, failure.reason, failure.shortages), events: [] };
  }
  const expiresAt = new Date(cmd.now.getTime() + cmd.ttlSeconds * 1000);
  const next: Reservation = { ...base, status: 'RESERVED', expiresAt, lines: allocation.lines, failure: null };
  return { next, changes: linesAs(next, 'RESERVE'), reply: reservedReply(next), events: [] };
}

function confirmationFailed(r: Reservation): string | null {
  switch (r.status) {
    case 'RESERVED':
    case 'CONFIRMED':
      return null;
    case 'RELEASED':
      return 'reservation released';
    case 'EXPIRED':
      return 'reservation expired';
    case 'FAILED':
      return `reservation failed: ${r.failure?.reason ?? INSUFFICIENT_STOCK}`;
    default:
      return assertNever(r.status);
  }
}

/** RESERVED -> CONFIRMED turns the reserved units into a sale; anything else cannot be confirmed. */
export function decideConfirm(current: Reservation | null, cmd: { orderId: string; now: Date }): Decision {
  if (!current) {
    return unchanged({
      type: 'inventory.confirmation_failed',
      data: { orderId: cmd.orderId, reason: 'no reservation for order' },
    });
  }
  return afterExpiry(current, cmd.now, (r) => {
    const confirmed: Reply = { type: 'inventory.confirmed', data: { orderId: r.orderId, reservationId: r.id } };
    const reason = confirmationFailed(r);
    if (reason !== null)
      return unchanged({ type: 'inventory.confirmation_failed', data: { orderId: r.orderId, reason } });
    if (r.status === 'CONFIRMED') return unchanged(confirmed);
    return { next: { ...r, status: 'CONFIRMED' }, changes: linesAs(r, 'SALE'), reply: confirmed, events: [] };
  });
}

export interface ReleaseCommand {
  orderId: string;
  reason: string;
  /** Id of the tombstone written when the order has no reservation yet. */
  tombstoneId: string;
}

/** Always answers released: reserved units go back, sold units are restocked, no reservation leaves a tombstone. */
export function decideRelease(current: Reservation | null, cmd: ReleaseCommand): Decision {
  const { orderId, reason } = cmd;
  if (!current) {
    const tombstone: Reservation = {
      id: cmd.tombstoneId,
      orderId,
      status: 'RELEASED',
      expiresAt: null,
      lines: [],
      failure: null,
      release: { reason, returned: 'nothing' },
    };
    return { next: tombstone, changes: [], reply: releasedReply(orderId, reason, 'nothing'), events: [] };
  }
  switch (current.status) {
    case 'RESERVED':
      return released(current, reason, 'reservation', linesAs(current, 'RELEASE'));
    case 'CONFIRMED':
      return released(current, reason, 'restock', linesAs(current, 'RETURN'));
    case 'RELEASED': {
      const previous = current.release ?? { reason, returned: 'nothing' as const };
      return unchanged(releasedReply(orderId, previous.reason, previous.returned));
    }
    case 'EXPIRED':
    case 'FAILED':
      return unchanged(releasedReply(orderId, reason, 'nothing'));
    default:
      return assertNever(current.status);
  }
}

function released(r: Reservation, reason: string, returned: Returned, changes: StockChange[]): Decision {
  const next: Reservation = { ...r, status: 'RELEASED', release: { reason, returned } };
  return { next, changes, reply: releasedReply(r.orderId, reason, returned), events: [] };
}

function assertNever(value: never): never {
  throw new Error(`unexpected reservation status ${String(value)}`);
}
