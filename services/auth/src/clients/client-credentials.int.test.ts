// Client credentials (RFC 6749 §4.4): Basic (the platform's own client) and form/JSON bodies, refusals, scopes.
import { clientCredentials, createAccessTokenVerifier, tokenSettings } from '@techcorp/platform';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, startAuth } from '../testing/auth-harness.ts';

const SECRET = 'order-query-secret-0123456789-abcdefghij';
const CLIENTS = [
  { id: 'order-query', secret: SECRET, roles: ['SERVICE'], scopes: ['orders.replay', 'orders.read'] },
  { id: 'reporting', secret: 'reporting-secret-0123456789-abcdefghijkl', roles: ['SERVICE'] },
];
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('client credentials (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;
  let baseUrl: string;

  beforeAll(async () => {
    h = await startAuth({ env: { AUTH_CLIENTS: JSON.stringify(CLIENTS) } });
    baseUrl = await h.handle.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const verifier = () =>
    createAccessTokenVerifier({ jwksUrl: `${baseUrl}/.well-known/jwks.json`, ...tokenSettings({}) });
  const token = (body: string | object, headers: Record<string, string> = FORM) =>
    h.handle.app.inject({ method: 'POST', url: '/api/auth/oauth/token', headers, payload: body });
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('the platform’s clientCredentials() (Basic, form) gets a token that verifies with role SERVICE', async () => {
    const source = clientCredentials({
      tokenUrl: `${baseUrl}/api/auth/oauth/token`,
      clientId: 'order-query',
      clientSecret: SECRET,
    });
    const accessToken = await source.accessToken();
    const { identity, claims } = await verifier().verify(accessToken);
    expect(identity).toEqual({ subject: 'order-query', roles: ['SERVICE'], sessionId: null, kind: 'service' });
    expect(claims).toMatchObject({ client_id: 'order-query', scope: 'orders.replay orders.read', token_use: 'access' });
    expect(claims.sid).toBeUndefined();
    expect(claims.email).toBeUndefined();
  });

  it('a form body with client_id/client_secret works, answers no-store, and a requested scope narrows the token', async () => {
    const res = await token(
      `grant_type=client_credentials&client_id=order-query&client_secret=${encodeURIComponent(SECRET)}&scope=orders.replay`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'orders.replay',
    });
    expect(decodeJwt(body.access_token).scope).toBe('orders.replay');
  });

  it('a JSON body and Basic credentials work too', async () => {
    const res = await token(
      { grant_type: 'client_credentials' },
      { 'content-type': 'application/json', authorization: basic('reporting', CLIENTS[1]!.secret) },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe('');
  });

  it('a wrong secret and an unknown client are the same 401 with error invalid_client', async () => {
    const wrong = await token('grant_type=client_credentials', {
      ...FORM,
      authorization: basic('order-query', `${SECRET}x`),
    });
    const unknown = await token('grant_type=client_credentials', { ...FORM, authorization: basic('nobody', SECRET) });
    const inBody = await token(`grant_type=client_credentials&client_id=order-query&client_secret=wrong`);
    const missing = await token('grant_type=client_credentials');
    for (const res of [wrong, unknown, inBody, missing]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toMatchObject({ status: 401, error: 'invalid_client' });
      expect(res.body).toBe(wrong.body);
    }
  });

  it('refuses other grants, mixed client authentication, foreign scopes and repeated parameters with 400', async () => {
    const auth = { ...FORM, authorization: basic('order-query', SECRET) };
    const password = await token('grant_type=password&username=a&password=b', auth);
    expect(password.statusCode).toBe(400);
    expect(password.json().errors ?? []).toEqual([{ field: 'username', message: 'is not allowed' }]);
    const otherGrant = await token('grant_type=authorization_code', auth);
    expect(otherGrant.json()).toMatchObject({ status: 400, error: 'unsupported_grant_type' });
    const noGrant = await token('scope=orders.replay', auth);
    expect(noGrant.statusCode).toBe(400);
    expect(noGrant.json().errors).toEqual([{ field: 'grant_type', message: 'is required' }]);
    const mixed = await token(`grant_type=client_credentials&client_id=order-query&client_secret=${SECRET}`, auth);
    expect(mixed.json()).toMatchObject({ status: 400, error: 'invalid_request' });
    const scope = await token('grant_type=client_credentials&scope=orders.replay%20admin.everything', auth);
    expect(scope.json()).toMatchObject({ status: 400, error: 'invalid_scope' });
    const repeated = await token('grant_type=client_credentials&grant_type=client_credentials', auth);
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().errors).toEqual([{ field: 'grant_type', message: 'is repeated' }]);
  });

  it('stores only digests of secrets, and a client removed from AUTH_CLIENTS stops working', async () => {
    const { rows } = await h.infra.sql.query<{ id: string; secret_hash: string }>(
      'SELECT id, secret_hash FROM oauth_clients ORDER BY id',
    );
    expect(rows.map((r) => r.id)).toEqual(['order-query', 'reporting']);
    for (const row of rows) expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    const restarted = await h.startInstance({ AUTH_CLIENTS: JSON.stringify([CLIENTS[0]]) });
    const res = await restarted.app.inject({
      method: 'POST',
      url: '/api/auth/oauth/token',
      headers: { ...FORM, authorization: basic('reporting', CLIENTS[1]!.secret) },
      payload: 'grant_type=client_credentials',
    });
    expect(res.statusCode).toBe(401);
    await restarted.stop();
  });

  it('forms are read only by the token endpoint: other routes stay JSON only', async () => {
    const res = await h.handle.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: FORM,
      payload: 'email=a%40example.com&password=whatever-password',
    });
    expect(res.statusCode).toBe(415);
  });
});
