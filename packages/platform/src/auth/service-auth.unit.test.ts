// Service guards: identity only from the gateway's signature or a SERVICE token; roles and ownership enforced.
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from '../http/create-http-app.ts';
import { createLogger } from '../logging.ts';
import { adminCaller, customerCaller, gatewayHeaders, injectAs } from '../testing/identity-headers.ts';
import { mintAccessToken, newSigningKey, type SigningKey, serveJwks } from '../testing/token-fixtures.ts';
import { createServiceAuth } from './service-auth.ts';
import { CONTEXT_HEADERS } from './signed-context.ts';

const SECRET = 'service-auth-test-secret-0123456789abcdef';

describe('createServiceAuth', () => {
  let app: HttpApp;
  let key: SigningKey;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;

  beforeAll(async () => {
    key = await newSigningKey('k1');
    jwks = await serveJwks([key]);
    const auth = createServiceAuth({ env: { GATEWAY_IDENTITY_SECRET: SECRET, AUTH_JWKS_URL: jwks.url } });
    app = createHttpApp({ name: 'guards', logger: createLogger('guards', 'silent') });
    app.get('/me', { onRequest: auth.authenticated }, async (request) => ({
      ...auth.identity(request),
      clientIp: (await auth.authenticate(request)).clientIp,
    }));
    app.get('/admin', { onRequest: auth.admin }, async () => ({ admin: true }));
    app.get('/ops', { onRequest: auth.anyRole('ADMIN', 'SERVICE') }, async () => ({ ops: true }));
    app.get(
      '/things/:owner',
      { onRequest: auth.authenticated, schema: { params: Type.Object({ owner: Type.String() }) } },
      async (request) => {
        auth.assertOwner(request, request.params.owner, 'thing');
        return { owner: request.params.owner };
      },
    );
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('answers 401 to an anonymous caller and to unsigned identity headers', async () => {
    expect((await app.inject({ url: '/me' })).statusCode).toBe(401);
    const spoofed = await app.inject({
      url: '/me',
      headers: { [CONTEXT_HEADERS.userId]: 'alice', [CONTEXT_HEADERS.roles]: 'ADMIN' },
    });
    expect(spoofed.statusCode).toBe(401);
  });

  it('knows the caller the gateway signed for, and its address', async () => {
    const res = await injectAs(app, SECRET, customerCaller('alice'), { url: '/me' });
    expect(res.json()).toEqual({
      subject: 'alice',
      roles: ['USER'],
      kind: 'user',
      sessionId: null,
      clientIp: '127.0.0.1',
    });
  });

  it('answers 401 to a context signed with another secret or for another url', async () => {
    const forged = await injectAs(app, `${SECRET}-x`, adminCaller(), { url: '/admin' });
    expect(forged.statusCode).toBe(401);
    const moved = await app.inject({ url: '/admin', headers: gatewayHeaders(SECRET, adminCaller(), 'GET', '/ops') });
    expect(moved.statusCode).toBe(401);
  });

  it('lets admins through admin routes and answers 403 to customers', async () => {
    expect((await injectAs(app, SECRET, adminCaller(), { url: '/admin' })).statusCode).toBe(200);
    const customer = await injectAs(app, SECRET, customerCaller('alice'), { url: '/admin' });
    expect(customer.statusCode).toBe(403);
    expect(customer.json()).toMatchObject({ type: 'urn:techcorp:problem:forbidden' });
  });

  it('accepts a SERVICE client-credentials token sent directly, but never a user token', async () => {
    const service = await mintAccessToken(key, { claims: { sub: 'order-query', roles: ['SERVICE'], sid: undefined } });
    const ok = await app.inject({ url: '/ops', headers: { authorization: `Bearer ${service}` } });
    expect(ok.statusCode).toBe(200);
    const user = await mintAccessToken(key, { claims: { roles: ['USER', 'ADMIN'] } });
    const refused = await app.inject({ url: '/admin', headers: { authorization: `Bearer ${user}` } });
    expect(refused.statusCode).toBe(401);
    const serviceOnAdmin = await app.inject({ url: '/admin', headers: { authorization: `Bearer ${service}` } });
    expect(serviceOnAdmin.statusCode).toBe(403);
  });

  it("hides another customer's resource behind 404, and shows it to its owner and to admins", async () => {
    expect((await injectAs(app, SECRET, customerCaller('bob'), { url: '/things/alice' })).statusCode).toBe(404);
    expect((await injectAs(app, SECRET, customerCaller('alice'), { url: '/things/alice' })).statusCode).toBe(200);
    expect((await injectAs(app, SECRET, adminCaller(), { url: '/things/alice' })).statusCode).toBe(200);
  });
});
