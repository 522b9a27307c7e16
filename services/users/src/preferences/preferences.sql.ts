// All SQL on preferences.
import type { SqlExecutor } from '@techcorp/platform';
import type { PreferencesRow } from '../profile/profile.sql.ts';
import type { Preferences } from './preferences.policy.ts';

const COLUMNS = `language, currency, notifications, updated_at AS "updatedAt", version`;

export function preferencesSql(db: SqlExecutor) {
  return {
    async insert(userId: string, preferences: Preferences): Promise<void> {
      await db.query(
        `INSERT INTO preferences (user_id, language, currency, notifications) VALUES ($1, $2, $3, $4::jsonb)`,
        [userId, preferences.language, preferences.currency, JSON.stringify(preferences.notifications)],
      );
    },

    async update(userId: string, preferences: Preferences): Promise<PreferencesRow> {
      const { rows } = await db.query<PreferencesRow>(
        `UPDATE preferences SET language = $2, currency = $3, notifications = $4::jsonb, updated_at = now(),
           version = version + 1
         WHERE user_id = $1 RETURNING ${COLUMNS}`,
        [userId, preferences.language, preferences.currency, JSON.stringify(preferences.notifications)],
      );
      return rows[0]!;
    },
  };
}
