// Test fixtures: an RSA key set served over HTTP as a JWKS, and access tokens minted the way auth mints them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { TOKEN_DEFAULTS } from '../auth/identity.ts';

export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
}

export async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** Serves `/.well-known/jwks.json` with whatever keys `published` holds at the time of the request. */
export async function serveJwks(
  published: SigningKey[],
): Promise<{ url: string; fetches: () => number; close(): Promise<void> }> {
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface MintOptions {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  expiresInSeconds?: number;
}

/** An access token as auth issues it; `claims`/`header` override or add fields (undefined removes nothing). */
export async function mintAccessToken(key: SigningKey, options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: TOKEN_DEFAULTS.issuer,
    aud: TOKEN_DEFAULTS.audience,
    sub: '0190f1a2-0000-7000-8000-000000000001',
    email: 'alice@example.com',
    roles: ['USER'],
    sid: 'session-1',
    token_use: 'access',
    iat: now,
    exp: now + (options.expiresInSeconds ?? 300),
    ...options.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: TOKEN_DEFAULTS.accessTokenType, kid: key.kid, ...options.header })
    .sign(key.privateKey);
}
