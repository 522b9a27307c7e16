// Read-only queries integration tests use to check the users tables (tests only).
import type { SqlExecutor } from '@techcorp/platform';

export interface RowCounts {
  profiles: number;
  preferences: number;
  addresses: number;
  history: number;
}

export interface HistoryRow {
  entity: string;
  entity_id: string;
  action: string;
  changed_by: string;
  correlation_id: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export function usersChecks(db: SqlExecutor) {
  return {
    async counts(): Promise<RowCounts> {
      const { rows } = await db.query<RowCounts>(
        `SELECT (SELECT count(*)::int FROM profiles) AS profiles, (SELECT count(*)::int FROM preferences) AS preferences,
                (SELECT count(*)::int FROM addresses) AS addresses, (SELECT count(*)::int FROM change_history) AS history`,
      );
      return rows[0]!;
    },

    /** A user's history rows, oldest first. */
    async history(userId: string): Promise<HistoryRow[]> {
      const { rows } = await db.query<HistoryRow>(
        `SELECT entity, entity_id, action, changed_by, correlation_id, changes FROM change_history
         WHERE user_id = $1 ORDER BY id`,
        [userId],
      );
      return rows;
    },

    async profile(userId: string): Promise<Record<string, unknown> | undefined> {
      const { rows } = await db.query(
        `SELECT user_id, email, name, phone, version, updated_at FROM profiles WHERE user_id = $1`,
        [userId],
      );
      return rows[0];
    },

    async preferences(userId: string): Promise<Record<string, unknown> | undefined> {
      const { rows } = await db.query(
        `SELECT language, currency, notifications, version FROM preferences WHERE user_id = $1`,
        [userId],
      );
      return rows[0];
    },

    async addresses(userId: string): Promise<Record<string, unknown>[]> {
      const { rows } = await db.query(
        `SELECT id, user_id, recipient, line1, city, country, is_default_shipping, is_default_billing, version
         FROM addresses WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      );
      return rows;
    },

    /** Writes behind the service's back (tests of the cache only). */
    async renameDirectly(userId: string, name: string): Promise<void> {
      await db.query(`UPDATE profiles SET name = $2 WHERE user_id = $1`, [userId, name]);
    },
  };
}
