// TOTP enrolment, confirmation and removal, and checking a code or recovery code inside a sign-in transaction.
import { conflict, type Sql, type SqlExecutor, validationError } from '@techcorp/platform';
import type { SecretBox } from '../crypto/secret-box.ts';
import { mfaSql } from './mfa.sql.ts';
import { isFreshStep, matchingStep, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeDigest } from './totp.ts';

export interface MfaOptions {
  sql: Sql;
  box: SecretBox;
  issuer: string;
  now?: () => number;
}

const sealContext = (userId: string) => `totp:${userId}`;
const badCode = () =>
  validationError('invalid request body: code is not valid', [{ field: 'code', message: 'is not valid' }]);

export function createMfa(options: MfaOptions) {
  const { sql, box } = options;
  const now = options.now ?? Date.now;

  /** The step the code matches, when the enrolment is in the expected state and the step is not spent yet. */
  const freshStep = async (tx: SqlExecutor, userId: string, code: string, enabled: boolean): Promise<number | null> => {
    const row = await mfaSql(tx).totp(userId, { lock: true });
    if (!row || (row.enabledAt !== null) !== enabled) return null;
    const step = matchingStep(box.open(row.secretSealed, sealContext(userId)), code, now());
    if (step === null || !isFreshStep(step, row.lastUsedStep)) return null;
    return step;
  };

  return {
    isEnabled: (userId: string) => mfaSql(sql).isEnabled(userId),

    /** Inside a sign-in transaction: a valid, unused TOTP code of an enabled enrolment. */
    async checkCode(tx: SqlExecutor, userId: string, code: string): Promise<boolean> {
      const step = await freshStep(tx, userId, code, true);
      return step !== null && (await mfaSql(tx).spendStep(userId, step));
    },

    /** Inside a sign-in transaction: spends one unused recovery code of an enabled enrolment. */
    async checkRecoveryCode(tx: SqlExecutor, userId: string, code: string): Promise<boolean> {
      const row = await mfaSql(tx).totp(userId, { lock: true });
      if (!row?.enabledAt) return false;
      return mfaSql(tx).spendRecoveryCode(userId, recoveryCodeDigest(code));
    },

    /** A fresh seed, pending until confirmed with a code; 409 when MFA is already on. */
    async enrol(userId: string, email: string): Promise<{ secret: string; otpauth_uri: string }> {
      const secret = newTotpSecret();
      const started = await mfaSql(sql).startEnrolment(userId, box.seal(secret, sealContext(userId)));
      if (!started) throw conflict('two-factor authentication is already enabled');
      return { secret, otpauth_uri: otpauthUri(secret, options.issuer, email) };
    },

    /** Confirms the pending enrolment with a code; the recovery codes are returned this once and kept as digests. */
    async confirm(userId: string, code: string): Promise<string[]> {
      return sql.transaction(async (tx) => {
        const row = await mfaSql(tx).totp(userId, { lock: true });
        if (!row) throw conflict('no two-factor enrolment has been started');
        if (row.enabledAt) throw conflict('two-factor authentication is already enabled');
        const step = await freshStep(tx, userId, code, false);
        if (step === null) throw badCode();
        await mfaSql(tx).enable(userId, step);
        const codes = newRecoveryCodes();
        await mfaSql(tx).replaceRecoveryCodes(userId, codes.map(recoveryCodeDigest));
        return codes;
      });
    },

    /** Turns MFA off with a current code (a stolen access token alone cannot). */
    async disable(userId: string, code: string): Promise<void> {
      await sql.transaction(async (tx) => {
        const row = await mfaSql(tx).totp(userId, { lock: true });
        if (!row?.enabledAt) throw conflict('two-factor authentication is not enabled');
        const step = await freshStep(tx, userId, code, true);
        if (step === null || !(await mfaSql(tx).spendStep(userId, step))) throw badCode();
        await mfaSql(tx).disable(userId);
      });
    },
  };
}

export type Mfa = ReturnType<typeof createMfa>;
