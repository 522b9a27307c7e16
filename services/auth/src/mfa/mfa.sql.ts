// All SQL on TOTP enrolments and recovery codes (stored as SHA-256 digests).
import type { SqlExecutor } from '@techcorp/platform';

export interface TotpRow {
  secretSealed: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export function mfaSql(db: SqlExecutor) {
  return {
    async totp(userId: string, options: { lock?: boolean } = {}): Promise<TotpRow | undefined> {
      const { rows } = await db.query<TotpRow>(
        `SELECT secret_sealed AS "secretSealed", enabled_at AS "enabledAt", last_used_step AS "lastUsedStep"
         FROM mfa_totp WHERE user_id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
        [userId],
      );
      return rows[0];
    },

    async isEnabled(userId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM mfa_totp WHERE user_id = $1 AND enabled_at IS NOT NULL`, [userId]);
      return rows.length > 0;
    },

    /** Starts (or restarts) an enrolment; false when MFA is already enabled, which this never overwrites. */
    async startEnrolment(userId: string, secretSealed: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `INSERT INTO mfa_totp (user_id, secret_sealed) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = now(),
           last_used_step = NULL
         WHERE mfa_totp.enabled_at IS NULL`,
        [userId, secretSealed],
      );
      return rowCount === 1;
    },

    async enable(userId: string, step: number): Promise<void> {
      await db.query(`UPDATE mfa_totp SET enabled_at = now(), last_used_step = $2 WHERE user_id = $1`, [userId, step]);
    },

    /** Records the step as spent unless an equal or later one already was; false for a replay. */
    async spendStep(userId: string, step: number): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE mfa_totp SET last_used_step = $2
         WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`,
        [userId, step],
      );
      return rowCount === 1;
    },

    async disable(userId: string): Promise<void> {
      await db.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
      await db.query(`DELETE FROM mfa_totp WHERE user_id = $1`, [userId]);
    },

    async replaceRecoveryCodes(userId: string, digests: readonly string[]): Promise<void> {
      await db.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
      await db.query(`INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
        userId,
        [...digests],
      ]);
    },

    /** Spends a recovery code once; false when unknown or already used. */
    async spendRecoveryCode(userId: string, digest: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
        [userId, digest],
      );
      return rowCount === 1;
    },
  };
}
