// Runs reservation commands in the caller's transaction: lock, decide (pure), write, enqueue the replies and stock events.
import type { Envelope } from '@techcorp/contracts';
import { enqueueOutbox, type SqlExecutor } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { replyEnvelope, stockChangedEnvelope } from '../outgoing.ts';
import type { AvailableCounters } from '../stock/available-counters.ts';
import { type Ledger, openLedger } from '../stock/stock.ledger.ts';
import type { RequestedItem } from '../stock/stock.policy.ts';
import {
  type Decision,
  decideConfirm,
  decideExpire,
  decideRelease,
  decideReserve,
  type Reply,
  type Reservation,
} from './reservation.decider.ts';
import { reservationSql } from './reservation.sql.ts';

export interface ReservationMetrics {
  made: { inc(value?: number): void };
  failed: { inc(value?: number): void };
  expired: { inc(value?: number): void };
}

export interface CommandOutcome {
  reply: Reply;
  /** The order's reservation after the command (null only when a confirm found none). */
  reservation: Reservation | null;
}

export interface ReserveInput {
  orderId: string;
  items: RequestedItem[];
  ttlSeconds: number;
}

export interface ReservationCommands {
  reserve(tx: SqlExecutor, input: ReserveInput): Promise<CommandOutcome>;
  confirm(tx: SqlExecutor, input: { orderId: string }): Promise<CommandOutcome>;
  release(tx: SqlExecutor, input: { orderId: string; reason: string }): Promise<CommandOutcome>;
  /** Expires up to `limit` due reservations (skipping rows other instances hold); returns how many. */
  expireDue(tx: SqlExecutor, limit: number): Promise<number>;
}

// Ids are compared as text in places (advisory lock key, replies), so one spelling: lower case.
const id = (value: string) => value.toLowerCase();

export function reservationCommands(deps: {
  counters: AvailableCounters;
  metrics: ReservationMetrics;
}): ReservationCommands {
  const { counters, metrics } = deps;

  function count(current: Reservation | null, next: Reservation | null): void {
    if (!current && next?.status === 'RESERVED') metrics.made.inc();
    if (!current && next?.status === 'FAILED') metrics.failed.inc();
    if (current?.status === 'RESERVED' && next?.status === 'EXPIRED') metrics.expired.inc();
  }

  async function writeStock(ledger: Ledger, orderId: string | null): Promise<Envelope[]> {
    const result = await ledger.write();
    if (result.lastMovementId !== null) {
      counters.track(
        result.totals.map((t) => t.productId),
        result.lastMovementId,
      );
    }
    return result.totals.map((t) => stockChangedEnvelope(t, orderId));
  }

  async function persist(
    tx: SqlExecutor,
    current: Reservation | null,
    decision: Decision,
    locked: Ledger | null = null,
  ): Promise<CommandOutcome> {
    const { next, changes, reply } = decision;
    if (next) await (current ? reservationSql(tx).update(next) : reservationSql(tx).insert(next));
    const reservation = next ?? current;
    const orderId = reply.data.orderId;
    const messages = [...decision.events, reply].map(replyEnvelope);
    if (changes.length > 0) {
      const ledger =
        locked ??
        (await openLedger(
          tx,
          changes.map((c) => c.productId),
        ));
      const note = reservation?.release?.reason ?? null;
      ledger.apply(changes, { orderId, reservationId: reservation?.id ?? null, note });
      messages.push(...(await writeStock(ledger, orderId)));
    }
    await enqueueOutbox(tx, messages);
    count(current, next);
    return { reply, reservation };
  }

  /** Every command on an order starts here: the order lock, then its reservation row, then the database clock. */
  async function load(tx: SqlExecutor, orderId: string) {
    const reservations = reservationSql(tx);
    await reservations.lockOrder(orderId);
    const current = await reservations.findByOrderForUpdate(orderId);
    return { current, now: await reservations.now() };
  }

  return {
    async reserve(tx, input) {
      const orderId = id(input.orderId);
      const items = input.items.map((i) => ({ productId: id(i.productId), quantity: i.quantity }));
      const { current, now } = await load(tx, orderId);
      const ledger = current
        ? null
        : await openLedger(
            tx,
            items.map((i) => i.productId),
          );
      const command = { orderId, items, ttlSeconds: input.ttlSeconds, reservationId: uuidv7(), now };
      return persist(tx, current, decideReserve(current, command, ledger?.rows() ?? []), ledger);
    },

    async confirm(tx, input) {
      const orderId = id(input.orderId);
      const { current, now } = await load(tx, orderId);
      return persist(tx, current, decideConfirm(current, { orderId, now }));
    },

    async release(tx, input) {
      const orderId = id(input.orderId);
      const { current } = await load(tx, orderId);
      return persist(tx, current, decideRelease(current, { orderId, reason: input.reason, tombstoneId: uuidv7() }));
    },

    async expireDue(tx, limit) {
      const reservations = reservationSql(tx);
      const due = await reservations.claimDue(limit);
      if (due.length === 0) return 0;
      const now = await reservations.now();
      const ledger = await openLedger(
        tx,
        due.flatMap((r) => r.lines.map((l) => l.productId)),
      );
      const messages: Envelope[] = [];
      let expired = 0;
      for (const r of due) {
        const decision = decideExpire(r, now);
        if (!decision?.next) continue;
        await reservations.update(decision.next);
        ledger.apply(decision.changes, { orderId: r.orderId, reservationId: r.id, note: 'expired' });
        messages.push(replyEnvelope(decision.reply));
        count(r, decision.next);
        expired += 1;
      }
      messages.push(...(await writeStock(ledger, null)));
      await enqueueOutbox(tx, messages);
      return expired;
    },
  };
}
