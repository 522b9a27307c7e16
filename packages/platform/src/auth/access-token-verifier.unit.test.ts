// The access-token verifier against a JWKS served over HTTP: what passes, and every forged shape that must not.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintAccessToken, newSigningKey, type SigningKey, serveJwks } from '../testing/token-fixtures.ts';
import { type AccessTokenVerifier, createAccessTokenVerifier } from './access-token-verifier.ts';
import { TOKEN_DEFAULTS } from './identity.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('createAccessTokenVerifier', () => {
  let key: SigningKey;
  let stranger: SigningKey;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  const published: SigningKey[] = [];
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    key = await newSigningKey('key-1');
    stranger = await newSigningKey('key-1-impostor');
    published.push(key);
    jwks = await serveJwks(published);
    verifier = createAccessTokenVerifier({
      jwksUrl: jwks.url,
      issuer: TOKEN_DEFAULTS.issuer,
      audience: TOKEN_DEFAULTS.audience,
    });
  });
  afterAll(() => jwks.close());

  const refused = async (token: string) =>
    expect(verifier.verify(token)).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });

  it('accepts a token auth would issue and says who it is', async () => {
    const { identity } = await verifier.verify(await mintAccessToken(key, { claims: { roles: ['USER', 'ADMIN'] } }));
    expect(identity).toEqual({
      subject: '0190f1a2-0000-7000-8000-000000000001',
      roles: ['USER', 'ADMIN'],
      sessionId: 'session-1',
      kind: 'user',
    });
  });

  it('refuses alg none', async () => {
    const [, payload] = (await mintAccessToken(key)).split('.');
    await refused(`${b64({ alg: 'none', typ: 'at+jwt', kid: key.kid })}.${payload}.`);
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const [, payload] = (await mintAccessToken(key)).split('.');
    const header = b64({ alg: 'HS256', typ: 'at+jwt', kid: key.kid });
    const secret = JSON.stringify(key.publicJwk);
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    await refused(`${header}.${payload}.${signature}`);
  });

  it('refuses a token signed by another key under a published kid', async () => {
    await refused(await mintAccessToken(stranger, { header: { kid: key.kid } }));
  });

  it('refuses an unknown kid', async () => {
    await refused(await mintAccessToken(stranger));
  });

  it('refuses an expired token beyond the clock skew, and accepts one within it', async () => {
    await refused(await mintAccessToken(key, { expiresInSeconds: -(TOKEN_DEFAULTS.clockToleranceSeconds + 5) }));
    await expect(verifier.verify(await mintAccessToken(key, { expiresInSeconds: -5 }))).resolves.toBeDefined();
  });

  it('refuses a wrong issuer or audience', async () => {
    await refused(await mintAccessToken(key, { claims: { iss: 'https://evil.example' } }));
    await refused(await mintAccessToken(key, { claims: { aud: 'another-api' } }));
  });

  it('refuses a tampered payload that keeps the original signature', async () => {
    const [header, , signature] = (await mintAccessToken(key)).split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = b64({
      iss: TOKEN_DEFAULTS.issuer,
      aud: TOKEN_DEFAULTS.audience,
      sub: 'mallory',
      roles: ['ADMIN'],
      token_use: 'access',
      iat: now,
      exp: now + 300,
    });
    await refused(`${header}.${forged}.${signature}`);
  });

  it('refuses a token without exp, of another type, or not meant as an access token', async () => {
    await refused(await mintAccessToken(key, { claims: { exp: undefined } }));
    await refused(await mintAccessToken(key, { header: { typ: 'JWT' } }));
    await refused(await mintAccessToken(key, { claims: { token_use: 'refresh' } }));
    await refused(await mintAccessToken(key, { claims: { roles: 'ADMIN' } }));
  });

  it('refuses an opaque refresh token and garbage', async () => {
    await refused('q4Lr1f0vB3cZl8Yp0cR2mN7tK9sX1aD5eH6jG3wU2yI');
    await refused('a.b.c');
    await refused('x'.repeat(10_000));
  });

  it('picks up a key added to the JWKS (rotation) on first sight of its kid', async () => {
    const settings = { issuer: TOKEN_DEFAULTS.issuer, audience: TOKEN_DEFAULTS.audience, refetchCooldownMs: 0 };
    const fresh = createAccessTokenVerifier({ ...settings, jwksUrl: jwks.url });
    await fresh.verify(await mintAccessToken(key));
    const next = await newSigningKey('key-2');
    const before = jwks.fetches();
    published.push(next);
    await expect(fresh.verify(await mintAccessToken(next))).resolves.toBeDefined();
    expect(jwks.fetches()).toBe(before + 1);
    await expect(fresh.verify(await mintAccessToken(key))).resolves.toBeDefined();
    expect(jwks.fetches()).toBe(before + 1);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const down = createAccessTokenVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
      issuer: TOKEN_DEFAULTS.issuer,
      audience: TOKEN_DEFAULTS.audience,
    });
    await expect(down.verify(await mintAccessToken(key))).rejects.toMatchObject({ status: 503 });
  });
});
