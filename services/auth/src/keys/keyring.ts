// The RS256 signing keys: first-boot creation, rotation, the published JWKS, and access tokens signed with the active key.
import { type Logger, type Sql, unavailable } from '@techcorp/platform';
import { type CryptoKey, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import type { SecretBox } from '../crypto/secret-box.ts';
import { isStale, type PublicJwk, publicJwk, retireDelaySeconds } from './key.policy.ts';
import { type KeyRow, signingKeysSql } from './signing-keys.sql.ts';

export interface KeyringOptions {
  sql: Sql;
  logger: Logger;
  box: SecretBox;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  reloadIntervalMs: number;
}

export interface SignedToken {
  token: string;
  expiresIn: number;
  kid: string;
}

export interface Keyring {
  /** Creates the first key when there is none (once, however many instances boot together), then loads it. */
  ensureActiveKey(): Promise<void>;
  /** Re-reads the active key (another instance may have rotated) and retires keys past their publication. */
  reload(): Promise<void>;
  rotate(): Promise<{ kid: string; retiring: string | null }>;
  /**
   * Re-reads the key first when this instance has not managed to reload for too long (503 when it cannot). Call it
   * before a transaction that signs: on PGlite a reload inside the transaction would wait for its own connection.
   */
  fresh(): Promise<void>;
  /** An RFC 9068 access token (`typ: at+jwt`) for `subject`; never touches the database (503 if the key is stale). */
  sign(subject: string, claims: JWTPayload): Promise<SignedToken>;
  published(): Promise<PublicJwk[]>;
  list(limit: number): Promise<KeyRow[]>;
  activeKid(): string | null;
  /** Starts the periodic reload. */
  start(): void;
  stop(): void;
}

const sealContext = (kid: string) => `signing-key:${kid}`;

export function createKeyring(options: KeyringOptions): Keyring {
  const { sql, logger, box } = options;
  let current: { kid: string; privateKey: CryptoKey; loadedAt: number } | null = null;
  let timer: NodeJS.Timeout | null = null;

  const newKey = async () => {
    const kid = uuidv7();
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    const jwk = publicJwk(await exportJWK(publicKey), kid);
    const privateKeySealed = box.seal(await exportPKCS8(privateKey), sealContext(kid));
    return { kid, publicJwk: jwk, privateKeySealed };
  };

  const reload = async (): Promise<void> => {
    const keys = signingKeysSql(sql);
    const retired = await keys.retireExpired();
    if (retired > 0) logger.info({ retired }, 'retiring signing keys are no longer published');
    const active = await keys.active();
    if (!active) throw new Error('no active signing key');
    if (current?.kid === active.kid) {
      current.loadedAt = Date.now();
      return;
    }
    let pem: string;
    try {
      pem = box.open(active.privateKeySealed, sealContext(active.kid));
    } catch {
      throw new Error(`cannot open signing key ${active.kid}: was it sealed under another AUTH_KEY_ENCRYPTION_KEY?`);
    }
    const privateKey = await importPKCS8(pem, 'RS256');
    current = { kid: active.kid, privateKey, loadedAt: Date.now() };
    logger.info({ kid: active.kid }, 'signing with key');
  };

  const usable = () => current !== null && !isStale(current.loadedAt, Date.now(), options.reloadIntervalMs);

  return {
    async ensureActiveKey() {
      if (!(await signingKeysSql(sql).active())) {
        const key = await newKey();
        const created = await sql.transaction(async (tx) => {
          const keys = signingKeysSql(tx);
          await keys.lock();
          return (await keys.active()) ? false : keys.insertActive(key);
        });
        if (created) logger.info({ kid: key.kid }, 'created the first signing key');
      }
      await reload();
    },

    reload,

    async rotate() {
      const key = await newKey();
      const retiring = await sql.transaction(async (tx) => {
        const keys = signingKeysSql(tx);
        await keys.lock();
        const old = await keys.retireActive(retireDelaySeconds(options.accessTokenTtlSeconds));
        if (!(await keys.insertActive(key))) throw new Error('another active key appeared during rotation');
        return old ?? null;
      });
      logger.info({ kid: key.kid, retiring }, 'signing key rotated');
      await reload();
      return { kid: key.kid, retiring };
    },

    async fresh() {
      if (usable()) return;
      try {
        await reload();
      } catch (error) {
        logger.error({ err: error }, 'cannot load the active signing key');
        throw unavailable('signing keys are unavailable');
      }
    },

    async sign(subject, claims) {
      // A key another instance may have rotated away long ago must not sign: its tokens could outlive its publication.
      if (!usable()) throw unavailable('signing keys are unavailable');
      const { kid, privateKey } = current!;
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ ...claims, token_use: 'access' })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(subject)
        .setIssuedAt(now)
        .setExpirationTime(now + options.accessTokenTtlSeconds)
        .setJti(uuidv7())
        .sign(privateKey);
      return { token, expiresIn: options.accessTokenTtlSeconds, kid };
    },

    async published() {
      const rows = await signingKeysSql(sql).published();
      return rows.map((row) => publicJwk(row.publicJwk, row.kid));
    },

    list: (limit) => signingKeysSql(sql).list(limit),

    activeKid: () => current?.kid ?? null,

    start() {
      if (timer) return;
      timer = setInterval(() => {
        reload().catch((error: unknown) => logger.warn({ err: error }, 'signing key reload failed'));
      }, options.reloadIntervalMs);
      timer.unref();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
