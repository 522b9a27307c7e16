// The owner's profile and preferences on the real stack: history rows with who and what, the cache, If-Match, paging.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startUsers, type UsersHarness } from '../testing/users-harness.ts';
import { profileCacheKey, profileGenerationKey } from './profile-cache.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await startUsers();
});
afterAll(async () => {
  await h?.close();
});

describe('PATCH /api/users/me', () => {
  it('changes name and phone and writes one history row with the caller and from/to', async () => {
    const userId = await h.newUser({ name: 'Ana' });
    const caller = customerCaller(userId);
    const res = await h.call(caller, 'PATCH', '/api/users/me', {
      body: { name: '  Ana Souza ', phone: '+5511912345678' },
      headers: { 'x-correlation-id': 'corr-profile-1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Ana Souza', phone: '+5511912345678', version: 2 });
    expect(res.headers.etag).toBe('"2.1"');

    const history = await h.checks.history(userId);
    expect(history).toHaveLength(2);
    expect(history[1]).toEqual({
      entity: 'profile',
      entity_id: userId,
      action: 'updated',
      changed_by: userId,
      correlation_id: 'corr-profile-1',
      changes: { name: { from: 'Ana', to: 'Ana Souza' }, phone: { from: null, to: '+5511912345678' } },
    });

    const cleared = await h.call(caller, 'PATCH', '/api/users/me', { body: { phone: null } });
    expect(cleared.json()).toMatchObject({ phone: null, version: 3 });
    expect((await h.checks.history(userId))[2]?.changes).toEqual({ phone: { from: '+5511912345678', to: null } });
  });

  it('that changes nothing writes nothing: no version bump, no history row', async () => {
    const userId = await h.newUser({ name: 'Bruno' });
    const res = await h.call(customerCaller(userId), 'PATCH', '/api/users/me', { body: { name: 'Bruno' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Bruno', version: 1 });
    expect(await h.checks.history(userId)).toHaveLength(1);
  });

  it('answers 404 before the registration is processed, and writes nothing', async () => {
    const before = await h.checks.counts();
    const res = await h.call(customerCaller(crypto.randomUUID()), 'PATCH', '/api/users/me', { body: { name: 'X' } });
    expectProblem(res, 404);
    expect(await h.checks.counts()).toEqual(before);
  });
});

describe('PATCH /api/users/me/preferences', () => {
  it('deep-merges notifications, keeps the rest, and records each changed leaf', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);
    const res = await h.call(caller, 'PATCH', '/api/users/me/preferences', {
      body: { language: 'en', notifications: { sms: { promotions: true }, push: { order_updates: false } } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      language: 'en',
      currency: 'BRL',
      version: 2,
      notifications: {
        email: { order_updates: true, promotions: false },
        sms: { order_updates: true, promotions: true },
        push: { order_updates: false, promotions: false },
      },
    });

    const latest = (await h.checks.history(userId)).at(-1);
    expect(latest).toMatchObject({ entity: 'preferences', entity_id: userId, action: 'updated', changed_by: userId });
    expect(latest?.changes).toEqual({
      language: { from: 'pt-BR', to: 'en' },
      'notifications.push.order_updates': { from: true, to: false },
      'notifications.sms.promotions': { from: false, to: true },
    });

    const again = await h.call(caller, 'PATCH', '/api/users/me/preferences', { body: { currency: 'EUR' } });
    expect(again.json()).toMatchObject({ language: 'en', currency: 'EUR', version: 3 });
    expect((await h.call(caller, 'GET', '/api/users/me/preferences')).json()).toMatchObject({
      currency: 'EUR',
      notifications: { sms: { promotions: true } },
    });
  });
});

describe('the profile cache', () => {
  it('serves repeated reads from Redis, and a GET after a PATCH shows the new value', async () => {
    const userId = await h.newUser({ name: 'Carla' });
    const caller = customerCaller(userId);
    expect((await h.call(caller, 'GET', '/api/users/me')).json()).toMatchObject({ name: 'Carla' });
    await expect.poll(() => h.infra.kv.get(profileCacheKey(userId))).not.toBeNull();

    // Behind the service's back: a cached read does not see it, which shows the read came from Redis.
    await h.checks.renameDirectly(userId, 'Changed In SQL');
    expect((await h.call(caller, 'GET', '/api/users/me')).json()).toMatchObject({ name: 'Carla' });

    await h.call(caller, 'PATCH', '/api/users/me', { body: { phone: '+351912345678' } });
    expect(await h.infra.kv.get(profileCacheKey(userId))).toBeNull();
    expect((await h.call(caller, 'GET', '/api/users/me')).json()).toMatchObject({
      name: 'Changed In SQL',
      phone: '+351912345678',
    });
  });

  it('is invalidated by a preferences PATCH and by address changes', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);
    await h.call(caller, 'GET', '/api/users/me/preferences');
    await expect.poll(() => h.infra.kv.get(profileCacheKey(userId))).not.toBeNull();

    await h.call(caller, 'PATCH', '/api/users/me/preferences', {
      body: { notifications: { email: { promotions: true } } },
    });
    expect((await h.call(caller, 'GET', '/api/users/me')).json().preferences.notifications.email.promotions).toBe(true);
    expect((await h.call(caller, 'GET', '/api/users/me/preferences')).json().notifications.email.promotions).toBe(true);

    // The generation is what voids a cached view (even one a slow reader writes back after the delete).
    const generation = await h.infra.kv.get(profileGenerationKey(userId));
    const address = { recipient: 'R', line1: 'Rua A, 1', city: 'Recife', postal_code: '50000-000', country: 'BR' };
    expect((await h.call(caller, 'POST', '/api/users/me/addresses', { body: address })).statusCode).toBe(201);
    expect(await h.infra.kv.get(profileGenerationKey(userId))).not.toBe(generation);
  });
});

describe('optimistic concurrency', () => {
  it('a PATCH with a stale If-Match is 412 and changes nothing; the current ETag succeeds', async () => {
    const userId = await h.newUser({ name: 'Dora' });
    const caller = customerCaller(userId);
    const read = await h.call(caller, 'GET', '/api/users/me');
    const etag = String(read.headers.etag);
    expect(etag).toBe('"1.1"');
    await h.call(caller, 'PATCH', '/api/users/me/preferences', { body: { language: 'es' } });

    const stale = await h.call(caller, 'PATCH', '/api/users/me', {
      body: { name: 'Lost' },
      headers: { 'if-match': etag },
    });
    expectProblem(stale, 412);
    expect(await h.checks.profile(userId)).toMatchObject({ name: 'Dora', version: 1 });

    const fresh = String((await h.call(caller, 'GET', '/api/users/me')).headers.etag);
    const ok = await h.call(caller, 'PATCH', '/api/users/me', {
      body: { name: 'Dora Lima' },
      headers: { 'if-match': fresh },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('GET /api/users/me/history', () => {
  it('pages the caller’s own history newest first by keyset, and never shows another user’s', async () => {
    const userId = await h.newUser({ name: 'N0' });
    const other = await h.newUser();
    const caller = customerCaller(userId);
    for (const name of ['N1', 'N2', 'N3', 'N4']) await h.call(caller, 'PATCH', '/api/users/me', { body: { name } });
    await h.call(customerCaller(other), 'PATCH', '/api/users/me', { body: { name: 'Other' } });

    const names: unknown[] = [];
    let url = '/api/users/me/history?limit=2';
    for (let page = 0; page < 5; page++) {
      const res = await h.call(caller, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      names.push(...body.items.map((i: { changes: { name: { to: unknown } } }) => i.changes.name.to));
      expect(body.items.every((i: { entity_id: string }) => i.entity_id === userId)).toBe(true);
      if (body.next_before === null) break;
      url = `/api/users/me/history?limit=2&before=${body.next_before}`;
    }
    expect(names).toEqual(['N4', 'N3', 'N2', 'N1', 'N0']);
  });
});
