// Sessions: opening one with its first refresh token, rotation with reuse detection, revocation (PG, then the kv).
import {
  type Counter,
  type KeyValueStore,
  type Logger,
  revokedSessionKey,
  type Sql,
  type SqlExecutor,
  unauthenticated,
  unavailable,
} from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { usersSql } from '../accounts/users.sql.ts';
import { newOpaqueToken, sha256Hex } from '../crypto/digests.ts';
import type { Keyring } from '../keys/keyring.ts';
import { type Device, revokedMarkerTtlMs, sessionCacheTtlMs, sessionCacheValue, sessionKey } from './session.policy.ts';
import { type Lifetimes, type RevokeReason, type SessionRow, sessionsSql } from './sessions.sql.ts';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface IssuedSession {
  sessionId: string;
  tokens: TokenPair;
  /** Writes the session's kv entry: call once the transaction that opened it has committed. */
  afterCommit(): Promise<void>;
}

export interface SessionServiceOptions {
  sql: Sql;
  kv: KeyValueStore;
  logger: Logger;
  keyring: Keyring;
  lifetimes: Lifetimes;
  accessTokenTtlSeconds: number;
  refreshOutcomes: Counter<'outcome'>;
}

export interface AccountClaims {
  id: string;
  email: string;
  roles: readonly string[];
}

/** One body for every refused refresh: unknown, spent, expired or revoked look alike. */
const refused = () => unauthenticated('the refresh token is invalid or expired');

export function createSessionService(options: SessionServiceOptions) {
  const { sql, kv, logger, keyring, lifetimes } = options;

  const signFor = (user: AccountClaims, sessionId: string) =>
    keyring.sign(user.id, { email: user.email, roles: [...user.roles], sid: sessionId });

  /** The kv mirrors PostgreSQL and may be flushed: a failed write is logged, the request still succeeds. */
  const cache = async (session: SessionRow, refreshTokenHash: string, device: Device) => {
    const ttlMs = sessionCacheTtlMs(session.expiresAt, Date.now());
    if (ttlMs <= 0) return;
    const value = sessionCacheValue({ ...session, refreshTokenHash, device });
    try {
      await kv.set(sessionKey(session.id), JSON.stringify(value), { ttlMs });
    } catch (error) {
      logger.warn({ err: error, sessionId: session.id }, 'session cache write failed');
    }
  };

  const issue = async (tx: SqlExecutor, user: AccountClaims, session: SessionRow, device: Device) => {
    const refreshToken = newOpaqueToken();
    const refreshTokenHash = sha256Hex(refreshToken);
    await sessionsSql(tx).insertToken(refreshTokenHash, session.id);
    // Signed before the commit: a signing failure rolls the whole change back.
    const access = await signFor(user, session.id);
    const tokens: TokenPair = {
      access_token: access.token,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
    };
    return { sessionId: session.id, tokens, afterCommit: () => cache(session, refreshTokenHash, device) };
  };

  /**
   * Revocation must reach the kv (the gateway refuses a revoked session's access tokens from there), so a failure
   * here is the caller's 503; PostgreSQL already holds the revocation and a retry writes the markers again.
   */
  const forget = async (sessionIds: readonly string[]) => {
    try {
      for (const id of sessionIds) {
        await kv.set(revokedSessionKey(id), '1', { ttlMs: revokedMarkerTtlMs(options.accessTokenTtlSeconds) });
        await kv.del(sessionKey(id));
      }
    } catch (error) {
      logger.error({ err: error, sessions: sessionIds.length }, 'writing session revocations to the kv failed');
      throw unavailable('the revocation could not be completed; retry');
    }
  };

  return {
    /** Call before the transaction that opens a session (see Keyring.fresh). */
    ready: () => keyring.fresh(),

    /** Opens a session (a new refresh-token family) inside the caller's transaction; `ready()` first. */
    async open(tx: SqlExecutor, user: AccountClaims, device: Device): Promise<IssuedSession> {
      const session = await sessionsSql(tx).insert({ id: uuidv7(), userId: user.id, ...device }, lifetimes);
      return issue(tx, user, session, device);
    },

    /** Spends the token and issues its successor; a spent token revokes its family (reuse of a stolen copy). */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const hash = sha256Hex(refreshToken);
      await keyring.fresh();
      const outcome = await sql.transaction(async (tx) => {
        const sessions = sessionsSql(tx);
        const family = await sessions.lockFamilyByToken(hash);
        if (!family?.live) return { kind: 'refused' } as const;
        if (!(await sessions.spend(hash))) {
          await sessions.revoke(family.id, 'refresh-token-reuse');
          return { kind: 'reuse', sessionId: family.id, userId: family.userId } as const;
        }
        // Roles and e-mail as they are now: a role change shows in the next access token.
        const user = await usersSql(tx).byId(family.userId);
        if (!user) return { kind: 'refused' } as const;
        const session = await sessions.touch(family.id, lifetimes);
        const device = { userAgent: family.userAgent, ip: family.ip };
        return { kind: 'issued', issued: await issue(tx, user, session, device) } as const;
      });
      options.refreshOutcomes.inc({ outcome: outcome.kind });
      if (outcome.kind === 'reuse') {
        logger.warn({ sessionId: outcome.sessionId, userId: outcome.userId }, 'refresh token reuse: session revoked');
        await forget([outcome.sessionId]);
        throw refused();
      }
      if (outcome.kind === 'refused') throw refused();
      await outcome.issued.afterCommit();
      return outcome.issued.tokens;
    },

    /** Revokes one of the user's sessions; false when it is not theirs (or does not exist). */
    async revokeOwn(userId: string, sessionId: string, reason: RevokeReason): Promise<boolean> {
      const found = await sessionsSql(sql).revokeOwn(sessionId, userId, reason);
      if (!found) return false;
      await forget([found]);
      return true;
    },

    /** Revokes the user's sessions but `keep` inside the caller's transaction; returns what to `forget` after commit. */
    revokeAllInTx: (tx: SqlExecutor, userId: string, reason: RevokeReason, keep: string | null) =>
      sessionsSql(tx).revokeAllOfUser(userId, reason, keep),

    forget,

    listLive: (userId: string, limit: number) => sessionsSql(sql).liveOfUser(userId, limit),

    isLiveOfUser: (sessionId: string, userId: string) => sessionsSql(sql).isLiveOfUser(sessionId, userId),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
