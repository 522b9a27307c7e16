// Who may call what: admin-only routes, anonymous and forged callers, and mass assignment through request bodies.
import { adminCaller, customerCaller, gatewayHeaders } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressBody, expectProblem, newId, startUsers, type UsersHarness } from '../testing/users-harness.ts';

let h: UsersHarness;
let userId: string;
let addressId: string;

beforeAll(async () => {
  h = await startUsers();
  userId = await h.newUser({ email: 'Mixed.Case@Example.com', name: 'Eva' });
  const created = await h.call(customerCaller(userId), 'POST', '/api/users/me/addresses', { body: addressBody() });
  addressId = created.json().id;
});
afterAll(async () => {
  await h?.close();
});

describe('admin routes', () => {
  const routes = () => [
    `/api/users/${userId}`,
    `/api/users/${userId}/history`,
    `/api/users?email=${encodeURIComponent('mixed.case@example.com')}`,
  ];

  it('are 403 for a customer (even about themselves) and 401 for anonymous callers', async () => {
    for (const url of routes()) {
      expectProblem(await h.call(customerCaller(userId), 'GET', url), 403);
      expectProblem(await h.call(customerCaller(newId()), 'GET', url), 403);
      expectProblem(await h.call(null, 'GET', url), 401);
    }
  });

  it('answer an admin: profile by id, history by id, and find by e-mail ignoring case', async () => {
    const [profile, history, found] = await Promise.all(routes().map((url) => h.call(adminCaller(), 'GET', url)));
    expect(profile?.statusCode, profile?.body).toBe(200);
    expect(profile?.json()).toMatchObject({ user_id: userId, name: 'Eva', preferences: { currency: 'BRL' } });
    expect(history?.json().items.map((i: { action: string; entity: string }) => `${i.entity} ${i.action}`)).toEqual([
      'address created',
      'profile created',
    ]);
    expect(found?.json()).toEqual({ items: [expect.objectContaining({ user_id: userId })] });
    const none = await h.call(adminCaller(), 'GET', '/api/users?email=nobody%40example.com');
    expect(none.json()).toEqual({ items: [] });
    expectProblem(await h.call(adminCaller(), 'GET', `/api/users/${newId()}`), 404);
  });
});

describe('every /me route', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/users/me'],
    ['PATCH', '/api/users/me', { name: 'X' }],
    ['GET', '/api/users/me/preferences'],
    ['PATCH', '/api/users/me/preferences', { language: 'en' }],
    ['GET', '/api/users/me/addresses'],
    ['POST', '/api/users/me/addresses', addressBody()],
    ['GET', '/api/users/me/history'],
  ];

  it.each(routes)(
    '%s %s is 401 anonymous, and 401 with a forged or replayed signature; nothing written',
    async (method, url, body) => {
      const before = await h.checks.counts();
      expectProblem(await h.call(null, method, url, { body }), 401);

      const forged = gatewayHeaders(
        'a-different-secret-of-at-least-32-characters',
        customerCaller(userId),
        method,
        url,
      );
      expectProblem(await h.call(null, method, url, { body, headers: forged }), 401);

      // A signature made for another URL does not carry over.
      const elsewhere = gatewayHeaders(
        h.infra.env.GATEWAY_IDENTITY_SECRET!,
        customerCaller(userId),
        method,
        '/api/users/me/x',
      );
      const replayed = await h.handle.app.inject({ method: method as 'GET', url, headers: elsewhere });
      expect(replayed.statusCode).toBe(401);
      expect(await h.checks.counts()).toEqual(before);
    },
  );

  it('an address of the caller is addressed only through /me', async () => {
    const other = customerCaller(await h.newUser());
    expectProblem(await h.call(other, 'GET', `/api/users/me/addresses/${addressId}`), 404);
  });
});

describe('mass assignment', () => {
  const cases: [string, string, () => string, Record<string, unknown>, string][] = [
    ['PATCH', 'profile', () => '/api/users/me', { name: 'Ok', user_id: newId() }, 'user_id'],
    ['PATCH', 'profile', () => '/api/users/me', { email: 'evil@example.com' }, 'email'],
    ['PATCH', 'profile', () => '/api/users/me', { name: 'Ok', roles: ['ADMIN'] }, 'roles'],
    ['PATCH', 'profile', () => '/api/users/me', { created_at: '2000-01-01T00:00:00Z' }, 'created_at'],
    ['PATCH', 'profile', () => '/api/users/me', { version: 99 }, 'version'],
    ['PATCH', 'preferences', () => '/api/users/me/preferences', { language: 'en', user_id: newId() }, 'user_id'],
    ['POST', 'address', () => '/api/users/me/addresses', addressBody({ id: newId() }), 'id'],
    ['POST', 'address', () => '/api/users/me/addresses', addressBody({ user_id: newId() }), 'user_id'],
    ['PATCH', 'address', () => `/api/users/me/addresses/${addressId}`, { city: 'X', user_id: newId() }, 'user_id'],
    ['PATCH', 'address', () => `/api/users/me/addresses/${addressId}`, { id: newId() }, 'id'],
    [
      'PATCH',
      'address',
      () => `/api/users/me/addresses/${addressId}`,
      { created_at: '2000-01-01T00:00:00Z' },
      'created_at',
    ],
  ];

  it.each(cases)(
    '%s %s with %j is 400 naming the field, and nothing changes',
    async (method, _what, url, body, field) => {
      const before = {
        counts: await h.checks.counts(),
        profile: await h.checks.profile(userId),
        preferences: await h.checks.preferences(userId),
        addresses: await h.checks.addresses(userId),
      };
      expectProblem(await h.call(customerCaller(userId), method, url(), { body }), 400, field);
      expect({
        counts: await h.checks.counts(),
        profile: await h.checks.profile(userId),
        preferences: await h.checks.preferences(userId),
        addresses: await h.checks.addresses(userId),
      }).toEqual(before);
    },
  );

  it('a __proto__ key is refused like any unknown field', async () => {
    const res = await h.call(customerCaller(userId), 'PATCH', '/api/users/me', {
      body: '{"__proto__":{"roles":["ADMIN"]}}',
    });
    expectProblem(res, 400);
  });
});
