// Every protected route through the gateway refuses (401) every kind of forged or misused access token, including
// ones signed by auth's real key with a wrong issuer, audience or expiry.
import { createHmac, randomUUID } from 'node:crypto';
import { createLogger } from '@techcorp/platform';
import { newSigningKey } from '@techcorp/platform/testing';
import { type CryptoKey, exportSPKI, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyEncryptionKeyFromEnv } from '../../services/auth/src/config.ts';
import { createSecretBox } from '../../services/auth/src/crypto/secret-box.ts';
import { createKeyring } from '../../services/auth/src/keys/keyring.ts';
import { type GatewayClient, gatewayClient, type Session } from './support/gateway-client.ts';
import { E2E_ENV, type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';

const ID = randomUUID();
/** At least one route of every protected group in the gateway's table, customer and admin ones alike. */
const PROTECTED: [string, string][] = [
  ['GET', '/api/auth/me'],
  ['GET', '/api/auth/sessions'],
  ['POST', '/api/auth/logout'],
  ['POST', '/api/auth/mfa/totp'],
  ['POST', '/api/auth/keys/rotate'],
  ['GET', '/api/users/me'],
  ['PATCH', '/api/users/me'],
  ['POST', '/api/users/me/addresses'],
  ['POST', '/api/orders'],
  ['GET', '/api/orders'],
  ['GET', `/api/orders/${ID}`],
  ['DELETE', `/api/orders/${ID}`],
  ['PUT', `/api/orders/${ID}/status`],
  ['GET', '/api/orders/search?q=tc'],
  ['GET', '/api/orders/analytics'],
  ['GET', `/api/payments/${ID}`],
  ['POST', '/api/payments/refund'],
  ['GET', `/api/inventory/${ID}`],
  ['POST', '/api/inventory/restock'],
  ['POST', '/api/products'],
  ['PUT', `/api/products/${ID}`],
  ['GET', '/api/gateway/upstreams'],
  ['GET', '/api/admin/orders/dead-letters'],
];

let platform: PlatformUnderTest;
let gw: GatewayClient;
let victim: Session;
const forged: Record<string, string | null> = {};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];

/** Tokens signed by auth's own active key, but with the issuer, audience or lifetime an attacker would want. */
async function signedByRealKey(overrides: { issuer?: string; audience?: string; ttl?: number }, subject: string) {
  const keyring = createKeyring({
    sql: await platform.sql('auth'),
    logger: createLogger('forger', 'silent'),
    box: createSecretBox(keyEncryptionKeyFromEnv(E2E_ENV)),
    issuer: overrides.issuer ?? 'https://auth.techcorp.com',
    audience: overrides.audience ?? 'techcorp-services',
    accessTokenTtlSeconds: overrides.ttl ?? 300,
    reloadIntervalMs: 60_000,
  });
  await keyring.reload();
  return (await keyring.sign(subject, { roles: ['USER', 'ADMIN'], email: victim.email })).token;
}

beforeAll(async () => {
  platform = await startPlatformUnderTest();
  gw = gatewayClient(platform.urls.gateway as string);
  victim = await gw.register('victim');
  const [header, payload, signature] = parts(victim.access_token);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const jwk = (await gw.api('/.well-known/jwks.json')).body.keys.find((k: { kid: string }) => k.kid === kid);
  const publicPem = await exportSPKI((await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey);
  const hs256 = (secret: string) => {
    const head = b64({ alg: 'HS256', typ: 'at+jwt', kid });
    return `${head}.${payload}.${createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url')}`;
  };
  const stranger = await newSigningKey(kid);
  const unknown = await newSigningKey('no-such-kid');
  const asAttacker = (key: typeof stranger) =>
    new SignJWT({ ...claims, roles: ['USER', 'ADMIN'] })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
      .sign(key.privateKey);

  Object.assign(forged, {
    'no token': null,
    'alg none': `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${payload}.`,
    'HS256 keyed with the public key (PEM)': hs256(publicPem),
    'HS256 keyed with the public key (JWK)': hs256(JSON.stringify(jwk)),
    'signed by another key under the real kid': await asAttacker(stranger),
    'unknown kid': await asAttacker(unknown),
    'tampered payload (ADMIN role added)': `${header}.${b64({ ...claims, roles: ['USER', 'ADMIN'] })}.${signature}`,
    'expired (real key)': await signedByRealKey({ ttl: -120 }, victim.user.id),
    'wrong issuer (real key)': await signedByRealKey({ issuer: 'https://evil.example' }, victim.user.id),
    'wrong audience (real key)': await signedByRealKey({ audience: 'another-api' }, victim.user.id),
    'a refresh token used as an access token': victim.refresh_token,
    garbage: 'not.a.token',
  });
});
afterAll(async () => {
  await platform?.close();
});

describe('forged access tokens through the gateway', () => {
  it("the victim's genuine token works (so the refusals below are about the forgery)", async () => {
    expect((await gw.api('/api/auth/me', { token: victim.access_token })).status).toBe(200);
  });

  it.each(PROTECTED)('%s %s refuses every forged token with 401', async (method, path) => {
    for (const [kind, token] of Object.entries(forged)) {
      const res = await gw.api(path, { method, token: token ?? undefined, body: method === 'GET' ? undefined : {} });
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(401);
      expect(res.headers.get('content-type'), kind).toMatch(/application\/problem\+json/);
      expect(res.headers.get('www-authenticate'), kind).toMatch(/^Bearer/);
    }
  });

  it('identity headers sent by a client are ignored: no identity, no access', async () => {
    const spoof = { 'x-user-id': victim.user.id, 'x-user-roles': 'USER,ADMIN', 'x-identity-signature': 't=1,v1=x' };
    expect((await gw.api('/api/auth/me', { headers: spoof })).status).toBe(401);
    const withToken = await gw.api('/api/gateway/upstreams', { token: victim.access_token, headers: spoof });
    expect(withToken.status).toBe(403);
  });
});
