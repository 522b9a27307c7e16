// All SQL on profiles (with their preferences joined, as the profile view shows them).
import type { SqlExecutor } from '@techcorp/platform';

export interface ProfileRow {
  userId: string;
  email: string;
  name: string;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PreferencesRow {
  language: string;
  currency: string;
  notifications: unknown;
  updatedAt: Date;
  version: number;
}

export interface ProfileRecord extends ProfileRow {
  preferences: PreferencesRow;
}

const PROFILE_COLUMNS = `p.user_id AS "userId", p.email, p.name, p.phone, p.created_at AS "createdAt",
  p.updated_at AS "updatedAt", p.version`;
const RECORD_COLUMNS = `${PROFILE_COLUMNS}, q.language, q.currency, q.notifications,
  q.updated_at AS "preferencesUpdatedAt", q.version AS "preferencesVersion"`;

type RecordRow = ProfileRow &
  Omit<PreferencesRow, 'updatedAt' | 'version'> & { preferencesUpdatedAt: Date; preferencesVersion: number };

function toRecord(row: RecordRow): ProfileRecord {
  const { language, currency, notifications, preferencesUpdatedAt, preferencesVersion, ...profile } = row;
  return {
    ...profile,
    preferences: { language, currency, notifications, updatedAt: preferencesUpdatedAt, version: preferencesVersion },
  };
}

export function profileSql(db: SqlExecutor) {
  return {
    /** Resolves false when the profile exists already (a replayed or duplicated registration). */
    async insert(profile: { userId: string; email: string; name: string }): Promise<boolean> {
      const result = await db.query(
        `INSERT INTO profiles (user_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING`,
        [profile.userId, profile.email, profile.name],
      );
      return result.rowCount === 1;
    },

    async load(userId: string): Promise<ProfileRecord | null> {
      const { rows } = await db.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM profiles p JOIN preferences q USING (user_id) WHERE p.user_id = $1`,
        [userId],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /** Locks the profile row: every write to a user's data takes this lock first, so they run one at a time. */
    async lock(userId: string): Promise<ProfileRecord | null> {
      const { rows } = await db.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM profiles p JOIN preferences q USING (user_id) WHERE p.user_id = $1
         FOR UPDATE OF p`,
        [userId],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async update(userId: string, fields: { name: string; phone: string | null }): Promise<ProfileRow> {
      const { rows } = await db.query<ProfileRow>(
        `UPDATE profiles p SET name = $2, phone = $3, updated_at = now(), version = version + 1
         WHERE user_id = $1 RETURNING ${PROFILE_COLUMNS}`,
        [userId, fields.name, fields.phone],
      );
      return rows[0]!;
    },

    /** Profiles whose e-mail equals this one, ignoring case (auth keeps e-mails unique; history may not). */
    async findByEmail(email: string, limit: number): Promise<ProfileRow[]> {
      const { rows } = await db.query<ProfileRow>(
        `SELECT ${PROFILE_COLUMNS} FROM profiles p WHERE lower(p.email) = lower($1)
         ORDER BY p.created_at, p.user_id LIMIT $2`,
        [email, limit],
      );
      return rows;
    },
  };
}
