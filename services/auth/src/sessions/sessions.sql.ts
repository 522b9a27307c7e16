// All SQL on sessions (refresh-token families) and their refresh tokens, which are stored only as SHA-256 digests.
import type { SqlExecutor } from '@techcorp/platform';

export type RevokeReason = 'logout' | 'deleted' | 'refresh-token-reuse' | 'password-changed' | 'admin-role-removed';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface FamilyRow extends SessionRow {
  /** Not revoked and not expired, by the database clock. */
  live: boolean;
}

const COLUMNS = `s.id, s.user_id AS "userId", s.created_at AS "createdAt", s.expires_at AS "expiresAt",
  s.last_used_at AS "lastUsedAt", s.user_agent AS "userAgent", s.ip`;
const LIVE = `(s.revoked_at IS NULL AND s.expires_at > now())`;

export interface Lifetimes {
  refreshTtlSeconds: number;
  maxLifetimeSeconds: number;
}

export function sessionsSql(db: SqlExecutor) {
  return {
    async insert(
      session: { id: string; userId: string; userAgent: string | null; ip: string | null },
      life: Lifetimes,
    ) {
      const { rows } = await db.query<SessionRow>(
        `INSERT INTO sessions AS s (id, user_id, expires_at, user_agent, ip)
         VALUES ($1, $2, now() + make_interval(secs => LEAST($5::int, $6::int)), $3, $4)
         RETURNING ${COLUMNS}`,
        [session.id, session.userId, session.userAgent, session.ip, life.refreshTtlSeconds, life.maxLifetimeSeconds],
      );
      return rows[0]!;
    },

    async insertToken(tokenHash: string, sessionId: string): Promise<void> {
      await db.query(`INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [tokenHash, sessionId]);
    },

    /** The family a token belongs to, its session row locked: refreshes and revocations of one family take turns. */
    async lockFamilyByToken(tokenHash: string): Promise<FamilyRow | undefined> {
      const { rows } = await db.query<FamilyRow>(
        `SELECT ${COLUMNS}, ${LIVE} AS live FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
         WHERE t.token_hash = $1 FOR UPDATE OF s`,
        [tokenHash],
      );
      return rows[0];
    },

    /** Spends a token once: false when it was already spent (reuse) or is unknown. */
    async spend(tokenHash: string): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL`,
        [tokenHash],
      );
      return rowCount === 1;
    },

    /** Marks the session used; its expiry slides to a full refresh TTL, capped by its maximum lifetime. */
    async touch(sessionId: string, life: Lifetimes): Promise<SessionRow> {
      const { rows } = await db.query<SessionRow>(
        `UPDATE sessions AS s SET last_used_at = now(),
           expires_at = LEAST(now() + make_interval(secs => $2::int), s.created_at + make_interval(secs => $3::int))
         WHERE s.id = $1 RETURNING ${COLUMNS}`,
        [sessionId, life.refreshTtlSeconds, life.maxLifetimeSeconds],
      );
      return rows[0]!;
    },

    /** Revokes the user's session; returns it when it belongs to them (revoked now or before), else undefined. */
    async revokeOwn(sessionId: string, userId: string, reason: RevokeReason): Promise<string | undefined> {
      const { rows } = await db.query<{ id: string }>(
        `WITH mine AS (SELECT id FROM sessions WHERE id = $1 AND user_id = $2 FOR UPDATE),
         done AS (UPDATE sessions SET revoked_at = now(), revoked_reason = $3
                  WHERE id IN (SELECT id FROM mine) AND revoked_at IS NULL)
         SELECT id FROM mine`,
        [sessionId, userId, reason],
      );
      return rows[0]?.id;
    },

    async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
      await db.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
        [sessionId, reason],
      );
    },

    /** Revokes every live session of the user but `keep`; returns the ids revoked. */
    async revokeAllOfUser(userId: string, reason: RevokeReason, keep: string | null): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
        [userId, reason, keep],
      );
      return rows.map((r) => r.id);
    },

    async liveOfUser(userId: string, limit: number): Promise<SessionRow[]> {
      const { rows } = await db.query<SessionRow>(
        `SELECT ${COLUMNS} FROM sessions s WHERE s.user_id = $1 AND ${LIVE}
         ORDER BY s.last_used_at DESC, s.id DESC LIMIT $2`,
        [userId, limit],
      );
      return rows;
    },

    /**
     * Deletes up to `limit` sessions (their tokens cascade) that ended more than `retentionDays` ago. Spent tokens of
     * a live session are kept: they are what detects the reuse of a stolen copy.
     */
    async purgeEnded(retentionDays: number, limit: number): Promise<number> {
      const { rowCount } = await db.query(
        `DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions WHERE coalesce(revoked_at, expires_at) < now() - make_interval(days => $1::int)
           LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [retentionDays, limit],
      );
      return rowCount;
    },

    async isLiveOfUser(sessionId: string, userId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM sessions s WHERE s.id = $1 AND s.user_id = $2 AND ${LIVE}`, [
        sessionId,
        userId,
      ]);
      return rows.length > 0;
    },
  };
}
