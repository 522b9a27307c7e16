// All SQL on the change history: rows written inside the caller's transaction, and keyset pages newest first.
import type { SqlExecutor } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import type { Changes } from './history.diff.ts';

export type Entity = 'profile' | 'preferences' | 'address';
export type Action = 'created' | 'updated' | 'deleted';

/** Who made a change: the caller's subject (or 'system' for an event) and the request's or message's correlation. */
export interface Actor {
  by: string;
  correlationId: string | null;
}

export interface HistoryEntry {
  entity: Entity;
  entityId: string;
  action: Action;
  changes: Changes;
}

export interface HistoryRecord extends HistoryEntry {
  id: string;
  userId: string;
  changedBy: string;
  changedAt: Date;
  correlationId: string | null;
}

export function historySql(db: SqlExecutor) {
  return {
    /** Appends the entries in order; ids are UUID v7, so their order is the order written. */
    async record(userId: string, actor: Actor, entries: readonly HistoryEntry[]): Promise<void> {
      if (entries.length === 0) return;
      const ids = entries.map(() => uuidv7());
      await db.query(
        `INSERT INTO change_history (id, user_id, entity, entity_id, action, changed_by, correlation_id, changes)
         SELECT id, $2, entity, entity_id, action, $3, $4, changes
         FROM unnest($1::uuid[], $5::text[], $6::uuid[], $7::text[], $8::jsonb[])
           AS e (id, entity, entity_id, action, changes)`,
        [
          ids,
          userId,
          actor.by,
          actor.correlationId,
          entries.map((e) => e.entity),
          entries.map((e) => e.entityId),
          entries.map((e) => e.action),
          entries.map((e) => JSON.stringify(e.changes)),
        ],
      );
    },

    /** A user's history newest first; `before` is the id of the last entry of the previous page. */
    async page(userId: string, options: { limit: number; before: string | null }): Promise<HistoryRecord[]> {
      const { rows } = await db.query<HistoryRecord>(
        `SELECT id, user_id AS "userId", entity, entity_id AS "entityId", action, changed_by AS "changedBy",
                changed_at AS "changedAt", correlation_id AS "correlationId", changes
         FROM change_history WHERE user_id = $1 AND ($2::uuid IS NULL OR id < $2::uuid)
         ORDER BY id DESC LIMIT $3`,
        [userId, options.before, options.limit],
      );
      return rows;
    },
  };
}
