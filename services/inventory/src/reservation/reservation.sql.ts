// All SQL on reservations and their lines, plus the per-order lock and the database clock.
import type { SqlExecutor } from '@techcorp/platform';
import type { AllocatedLine } from '../stock/stock.policy.ts';
import type { Reservation, ReservationStatus, Returned } from './reservation.decider.ts';

interface ReservationRow {
  id: string;
  order_id: string;
  status: ReservationStatus;
  expires_at: Date | null;
  failure: Reservation['failure'];
  release_reason: string | null;
  returned: Returned | null;
}

const COLUMNS = 'id, order_id, status, expires_at, failure, release_reason, returned';

function toReservation(row: ReservationRow, lines: AllocatedLine[]): Reservation {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    expiresAt: row.expires_at,
    lines,
    failure: row.failure,
    release: row.returned ? { reason: row.release_reason ?? '', returned: row.returned } : null,
  };
}

export function reservationSql(db: SqlExecutor) {
  async function linesOf(reservationIds: readonly string[]): Promise<Map<string, AllocatedLine[]>> {
    const byReservation = new Map<string, AllocatedLine[]>(reservationIds.map((id) => [id, []]));
    if (reservationIds.length === 0) return byReservation;
    const { rows } = await db.query<AllocatedLine & { reservationId: string }>(
      `SELECT reservation_id AS "reservationId", product_id AS "productId", warehouse_id AS "warehouseId", quantity
       FROM reservation_lines WHERE reservation_id = ANY($1::uuid[]) ORDER BY reservation_id, line_no`,
      [[...reservationIds]],
    );
    for (const { reservationId, ...line } of rows) byReservation.get(reservationId)?.push(line);
    return byReservation;
  }

  async function withLines(rows: ReservationRow[]): Promise<Reservation[]> {
    const lines = await linesOf(rows.map((r) => r.id));
    return rows.map((r) => toReservation(r, lines.get(r.id) ?? []));
  }

  return {
    /**
     * Serialises every command on one order (held to commit), so two reserves of one order cannot both allocate.
     * Taken before any row lock, and nothing else takes it, so it cannot join a deadlock cycle.
     */
    async lockOrder(orderId: string): Promise<void> {
      await db.query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS l`, [
        `inventory.order:${orderId}`,
      ]);
    },

    /** The database clock: every instance judges expiry by one clock. */
    async now(): Promise<Date> {
      const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
      return rows[0]!.now;
    },

    /** The order's reservation, its row locked so the sweeper cannot expire it under the caller. */
    async findByOrderForUpdate(orderId: string): Promise<Reservation | null> {
      const { rows } = await db.query<ReservationRow>(
        `SELECT ${COLUMNS} FROM reservations WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
      return (await withLines(rows))[0] ?? null;
    },

    async findByOrder(orderId: string): Promise<Reservation | null> {
      const { rows } = await db.query<ReservationRow>(`SELECT ${COLUMNS} FROM reservations WHERE order_id = $1`, [
        orderId,
      ]);
      return (await withLines(rows))[0] ?? null;
    },

    /** Live reservations past their expiry by the database clock; rows other instances hold are skipped. */
    async claimDue(limit: number): Promise<Reservation[]> {
      const { rows } = await db.query<ReservationRow>(
        `SELECT ${COLUMNS} FROM reservations WHERE status = 'RESERVED' AND expires_at <= now()
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return withLines(rows);
    },

    async insert(r: Reservation): Promise<void> {
      await db.query(`INSERT INTO reservations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, [
        r.id,
        r.orderId,
        r.status,
        r.expiresAt,
        r.failure && JSON.stringify(r.failure),
        r.release?.reason ?? null,
        r.release?.returned ?? null,
      ]);
      if (r.lines.length === 0) return;
      await db.query(
        `INSERT INTO reservation_lines (reservation_id, line_no, product_id, warehouse_id, quantity)
         SELECT $1, ord, p, w, q FROM unnest($2::uuid[], $3::text[], $4::int[]) WITH ORDINALITY AS l (p, w, q, ord)`,
        [r.id, r.lines.map((l) => l.productId), r.lines.map((l) => l.warehouseId), r.lines.map((l) => l.quantity)],
      );
    },

    /** Lines never change after insert; only the status and how it ended do. */
    async update(r: Reservation): Promise<void> {
      await db.query(
        `UPDATE reservations SET status = $2, failure = $3::jsonb, release_reason = $4, returned = $5, updated_at = now()
         WHERE id = $1`,
        [
          r.id,
          r.status,
          r.failure && JSON.stringify(r.failure),
          r.release?.reason ?? null,
          r.release?.returned ?? null,
        ],
      );
    },
  };
}

export type ReservationSql = ReturnType<typeof reservationSql>;
