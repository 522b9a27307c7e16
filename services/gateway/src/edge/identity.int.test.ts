// Identity at the edge: only valid tokens become a signed context; forgeries, revocations and spoofed headers never pass.
import { randomBytes, randomUUID } from 'node:crypto';
import { revokedSessionKey, TOKEN_DEFAULTS, verifyContext } from '@techcorp/platform';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../testing/fake-upstream.ts';
import {
  closeFakes,
  createFixture,
  type Fixture,
  type RunningGateway,
  startFakes,
  startGateway,
} from '../testing/gateway-harness.ts';
import { TEST_KID } from '../testing/test-issuer.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

describe('identity at the edge (real Redis)', () => {
  let fixture: Fixture;
  let fakes: Record<string, FakeUpstream[]>;
  let gateway: RunningGateway;
  let forged: [string, string][];

  const payments = () => fakes.payments?.[0] as FakeUpstream;
  const catalog = () => fakes.catalog?.[0] as FakeUpstream;
  const secret = () => fixture.infra.env.GATEWAY_IDENTITY_SECRET as string;

  beforeAll(async () => {
    fixture = await createFixture();
    fakes = await startFakes(['payments', 'catalog', 'auth']);
    gateway = await startGateway(fixture, { upstreams: fakes });
    forged = await forgeTokens(fixture);
  });
  afterAll(async () => {
    await gateway?.close();
    await closeFakes(fakes);
    await fixture?.close();
  });

  it('a forged token of every kind is 401 on a protected route and never reaches the upstream', async () => {
    for (const [kind, token] of forged) {
      const before = payments().received.length;
      const res = await gateway.send('GET', '/api/payments', { token });
      expect(res.status, kind).toBe(401);
      expect(res.headers['www-authenticate'], kind).toBe('Bearer');
      expect(res.headers['content-type'], kind).toContain('application/problem+json');
      expect(res.json().detail, kind).not.toMatch(/expired|signature|issuer|audience|kid|alg/i);
      expect(payments().received.length, kind).toBe(before);
    }
  });

  it('a forged token on a public route is served as anonymous', async () => {
    for (const [kind, token] of forged) {
      const res = await gateway.send('GET', '/api/products', { token });
      expect(res.status, kind).toBe(200);
      const seen = catalog().received.at(-1);
      expect(seen?.headers['x-user-id'], kind).toBeUndefined();
      const verified = verifyContext(secret(), seen?.headers ?? {}, { method: 'GET', url: '/api/products' });
      expect(verified, kind).toEqual({ ok: true, context: { identity: null, clientIp: '127.0.0.1' } });
    }
  });

  it('a valid token reaches the upstream as x-user-* with a signature verifyContext accepts', async () => {
    const sub = randomUUID();
    const sid = randomUUID();
    const token = await fixture.issuer.token({ sub, roles: ['USER'], sid });
    const res = await gateway.send('POST', '/api/payments/items?x=1', {
      token,
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const seen = payments().received.at(-1);
    expect(seen?.headers['x-user-id']).toBe(sub);
    expect(seen?.headers['x-user-roles']).toBe('USER');
    expect(seen?.headers['x-session-id']).toBe(sid);
    const verified = verifyContext(secret(), seen?.headers ?? {}, { method: 'POST', url: '/api/payments/items?x=1' });
    expect(verified).toEqual({
      ok: true,
      context: { identity: { subject: sub, roles: ['USER'], sessionId: sid, kind: 'user' }, clientIp: '127.0.0.1' },
    });
    // Bound to method and URL: replayed elsewhere it is worthless.
    expect(verifyContext(secret(), seen?.headers ?? {}, { method: 'DELETE', url: '/api/payments/items?x=1' })?.ok).toBe(
      false,
    );
    expect(verifyContext(secret(), seen?.headers ?? {}, { method: 'POST', url: '/api/payments/items' })?.ok).toBe(
      false,
    );
  });

  it('client-sent context, tracing and forwarding headers never reach the upstream as sent', async () => {
    const token = await fixture.issuer.token({ roles: ['USER'] });
    const spoofed = {
      'x-user-id': 'someone-else',
      'x-user-roles': 'ADMIN',
      'x-session-id': 'stolen',
      'x-client-ip': '10.9.9.9',
      'x-identity-signature': `t=${now()},v1=${'A'.repeat(43)}`,
      'x-correlation-id': 'client-chosen-id',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-real-ip': '203.0.113.7',
      forwarded: 'for=203.0.113.7',
    };
    for (const [path, options] of [
      ['/api/products', {}],
      ['/api/payments', { token }],
    ] as const) {
      const res = await gateway.send('GET', path, { ...options, headers: spoofed });
      expect(res.status).toBe(200);
      const seen = res.json().headers as Record<string, string>;
      for (const [name, value] of Object.entries(spoofed)) expect(seen[name], name).not.toBe(value);
      expect(seen['x-user-roles'] ?? '').not.toContain('ADMIN');
      expect(seen['x-correlation-id']).toBe(res.headers['x-correlation-id']);
      expect(seen.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(seen['x-forwarded-for']).toBe('127.0.0.1');
      expect(seen['x-forwarded-proto']).toBe('http');
      expect(seen['x-client-ip']).toBe('127.0.0.1');
      expect(seen.forwarded).toBeUndefined();
      expect(seen['x-real-ip']).toBeUndefined();
      expect(verifyContext(secret(), seen, { method: 'GET', url: path })?.ok).toBe(true);
    }
  });

  it('Authorization is not forwarded, except the client credentials sent to the token endpoint', async () => {
    const token = await fixture.issuer.token();
    const onProtected = await gateway.send('GET', '/api/payments', { token });
    expect(onProtected.json().headers.authorization).toBeUndefined();
    const onPublic = await gateway.send('GET', '/api/products', { token });
    expect(onPublic.json().headers.authorization).toBeUndefined();
    const basic = `Basic ${Buffer.from('orders-service:s3cret').toString('base64')}`;
    const onTokenEndpoint = await gateway.send('POST', '/api/auth/oauth/token', {
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(onTokenEndpoint.status).toBe(200);
    expect(onTokenEndpoint.json().headers.authorization).toBe(basic);
    expect(onTokenEndpoint.json().body).toBe('grant_type=client_credentials');
  });

  it('a token whose session was revoked is 401; the same user with another session still passes', async () => {
    const sub = randomUUID();
    const revoked = randomUUID();
    const revokedToken = await fixture.issuer.token({ sub, sid: revoked });
    const otherToken = await fixture.issuer.token({ sub, sid: randomUUID() });
    expect((await gateway.send('GET', '/api/payments', { token: revokedToken })).status).toBe(200);

    await fixture.infra.kv.set(revokedSessionKey(revoked), '1', { ttlMs: 60_000 });
    const before = payments().received.length;
    const refused = await gateway.send('GET', '/api/payments', { token: revokedToken });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(payments().received.length).toBe(before);
    expect((await gateway.send('GET', '/api/payments', { token: otherToken })).status).toBe(200);
    // On a public route the revoked token is simply no identity.
    const anonymous = await gateway.send('GET', '/api/products', { token: revokedToken });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json().headers['x-user-id']).toBeUndefined();
  });

  it("without GATEWAY_JWKS_URL verifies against the first auth instance's /.well-known/jwks.json", async () => {
    const issuerBase = fixture.issuer.jwksUrl.replace('/.well-known/jwks.json', '');
    const own = await startGateway(fixture, {
      upstreams: { payments: fakes.payments, auth: [issuerBase] },
      env: { GATEWAY_JWKS_URL: '' },
    });
    try {
      const sub = randomUUID();
      const res = await own.send('GET', '/api/payments', { token: await fixture.issuer.token({ sub }) });
      expect(res.status).toBe(200);
      expect(res.json().headers['x-user-id']).toBe(sub);
    } finally {
      await own.close();
    }
  });

  it('when the signing keys cannot be fetched: 503 on protected routes, anonymous on public ones', async () => {
    const own = await startGateway(fixture, {
      upstreams: fakes,
      env: { GATEWAY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' },
    });
    try {
      const token = await fixture.issuer.token();
      const before = payments().received.length;
      const refused = await own.send('GET', '/api/payments', { token });
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(payments().received.length).toBe(before);
      const anonymous = await own.send('GET', '/api/products', { token });
      expect(anonymous.status).toBe(200);
      expect(anonymous.json().headers['x-user-id']).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});

/** One token per forgery the gateway must refuse, labelled. */
async function forgeTokens(fixture: Fixture): Promise<[string, string][]> {
  const { issuer } = fixture;
  const valid = await issuer.token({ roles: ['USER'] });
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const stranger = await generateKeyPair('RS256');
  const publicPem = await exportSPKI(issuer.publicKey);
  const hs256 = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: TEST_KID, typ: TOKEN_DEFAULTS.accessTokenType })
    .sign(new TextEncoder().encode(publicPem));
  return [
    ['alg none', `${b64({ alg: 'none', typ: 'at+jwt', kid: TEST_KID })}.${payload}.`],
    ['HS256 keyed with the RSA public key', hs256],
    ['signed by another RSA key', await issuer.token({ key: stranger.privateKey })],
    ['expired beyond the skew', await issuer.token({ claims: { iat: now() - 600, exp: now() - 120 } })],
    ['wrong issuer', await issuer.token({ claims: { iss: 'https://evil.example.com' } })],
    ['wrong audience', await issuer.token({ claims: { aud: 'another-audience' } })],
    ['tampered payload', `${header}.${b64({ ...claims, roles: ['USER', 'ADMIN'] })}.${signature}`],
    ['unknown kid', await issuer.token({ header: { kid: 'no-such-key' } })],
    ['missing exp', await issuer.token({ claims: { exp: undefined } })],
    ['typ JWT instead of at+jwt', await issuer.token({ header: { typ: 'JWT' } })],
    ['an opaque refresh token', randomBytes(32).toString('base64url')],
  ];
}
