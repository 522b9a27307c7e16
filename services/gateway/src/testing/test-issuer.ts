// Stands in for auth's token issuing in gateway tests: an RSA key pair, a JWKS server, and access tokens (valid or not).
import { randomUUID } from 'node:crypto';
import { TOKEN_DEFAULTS } from '@techcorp/platform';
import Fastify from 'fastify';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const TEST_KID = 'test-key-1';

export interface TokenOptions {
  sub?: string;
  roles?: string[];
  sid?: string | null;
  /** Claims merged over the defaults (undefined removes one). */
  claims?: Record<string, unknown>;
  /** Protected-header fields merged over { alg: RS256, kid, typ: at+jwt }. */
  header?: Record<string, unknown>;
  /** Sign with this key instead of the published one. */
  key?: CryptoKey;
}

export interface TestIssuer {
  readonly jwksUrl: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** An access token as auth issues it (RS256, at+jwt, iss/aud/iat/exp, token_use access). */
  token(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: TEST_KID, alg: 'RS256', use: 'sig' };
  const app = Fastify({ logger: false });
  app.get('/.well-known/jwks.json', async () => ({ keys: [jwk] }));
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  const token = async (options: TokenOptions = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      sub: options.sub ?? randomUUID(),
      roles: options.roles ?? ['USER'],
      token_use: 'access',
      iss: TOKEN_DEFAULTS.issuer,
      aud: TOKEN_DEFAULTS.audience,
      iat: now,
      exp: now + 300,
      ...(options.sid !== null && { sid: options.sid ?? randomUUID() }),
      ...options.claims,
    };
    const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as JWTPayload;
    const header = { alg: 'RS256', kid: TEST_KID, typ: TOKEN_DEFAULTS.accessTokenType, ...options.header };
    return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(options.key ?? privateKey);
  };

  return { jwksUrl: `${base}/.well-known/jwks.json`, privateKey, publicKey, token, close: () => app.close() };
}
