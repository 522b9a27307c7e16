// All SQL on signing keys: the one active key, rotation under an advisory lock, the published set.
import type { SqlExecutor } from '@techcorp/platform';
import type { KeyState } from './key.policy.ts';

export interface KeyRow {
  kid: string;
  state: KeyState;
  createdAt: Date;
  retireAfter: Date | null;
}

export function signingKeysSql(db: SqlExecutor) {
  return {
    /** Serialises key creation and rotation across instances, for the rest of the transaction. */
    async lock(): Promise<void> {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.signing_keys'))`);
    },

    async active(): Promise<{ kid: string; privateKeySealed: string } | undefined> {
      const { rows } = await db.query<{ kid: string; privateKeySealed: string }>(
        `SELECT kid, private_key_sealed AS "privateKeySealed" FROM signing_keys WHERE state = 'active'`,
      );
      return rows[0];
    },

    /** Inserts the active key unless one exists (the partial unique index); true when this one was inserted. */
    async insertActive(key: { kid: string; publicJwk: object; privateKeySealed: string }): Promise<boolean> {
      const { rowCount } = await db.query(
        `INSERT INTO signing_keys (kid, state, public_jwk, private_key_sealed) VALUES ($1, 'active', $2, $3)
         ON CONFLICT DO NOTHING`,
        [key.kid, JSON.stringify(key.publicJwk), key.privateKeySealed],
      );
      return rowCount === 1;
    },

    /** Active -> retiring, published for `publishSeconds` more; its private key is erased. */
    async retireActive(publishSeconds: number): Promise<string | undefined> {
      const { rows } = await db.query<{ kid: string }>(
        `UPDATE signing_keys SET state = 'retiring', rotated_at = now(), private_key_sealed = NULL,
           retire_after = now() + make_interval(secs => $1)
         WHERE state = 'active' RETURNING kid`,
        [publishSeconds],
      );
      return rows[0]?.kid;
    },

    async retireExpired(): Promise<number> {
      const { rowCount } = await db.query(
        `UPDATE signing_keys SET state = 'retired', retired_at = now()
         WHERE state = 'retiring' AND retire_after <= now()`,
      );
      return rowCount;
    },

    async published(): Promise<{ kid: string; publicJwk: Record<string, unknown> }[]> {
      const { rows } = await db.query<{ kid: string; publicJwk: Record<string, unknown> }>(
        `SELECT kid, public_jwk AS "publicJwk" FROM signing_keys
         WHERE state = 'active' OR (state = 'retiring' AND retire_after > now())
         ORDER BY created_at DESC, kid DESC`,
      );
      return rows;
    },

    async list(limit: number): Promise<KeyRow[]> {
      const { rows } = await db.query<KeyRow>(
        `SELECT kid, state, created_at AS "createdAt", retire_after AS "retireAfter" FROM signing_keys
         ORDER BY created_at DESC, kid DESC LIMIT $1`,
        [limit],
      );
      return rows;
    },
  };
}
