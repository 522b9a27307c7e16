// Addresses on the real stack: CRUD with history, one default of each kind, the limit of 20, and the owner check.
import { adminCaller, type Caller, customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressBody, expectProblem, newId, startUsers, type UsersHarness } from '../testing/users-harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await startUsers();
});
afterAll(async () => {
  await h?.close();
});

const BASE = '/api/users/me/addresses';
const create = (caller: Caller, overrides: Record<string, unknown> = {}) =>
  h.call(caller, 'POST', BASE, { body: addressBody(overrides) });
const defaults = async (userId: string) =>
  (await h.checks.addresses(userId)).map((a) => [a.recipient, a.is_default_shipping, a.is_default_billing]);

describe('address CRUD', () => {
  it('creates (201 + Location), reads, lists, updates and deletes, with a history row for each change', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);

    const created = await create(caller, { line2: '  Apto 42  ' });
    expect(created.statusCode, created.body).toBe(201);
    const address = created.json();
    expect(created.headers.location).toBe(`${BASE}/${address.id}`);
    expect(address).toMatchObject({
      label: 'Home',
      line2: 'Apto 42',
      country: 'BR',
      is_default_shipping: true,
      is_default_billing: true,
      version: 1,
    });

    const read = await h.call(caller, 'GET', String(created.headers.location));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(address);
    expect((await h.call(caller, 'GET', BASE)).json().items).toEqual([address]);

    const patched = await h.call(caller, 'PATCH', `${BASE}/${address.id}`, { body: { city: 'Campinas', line2: null } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ city: 'Campinas', line2: null, version: 2 });

    const deleted = await h.call(caller, 'DELETE', `${BASE}/${address.id}`);
    expect(deleted.statusCode).toBe(204);
    expectProblem(await h.call(caller, 'GET', `${BASE}/${address.id}`), 404);
    expect((await h.call(caller, 'GET', BASE)).json().items).toEqual([]);

    const history = (await h.checks.history(userId)).filter((r) => r.entity === 'address');
    expect(history.map((r) => [r.entity_id, r.action, r.changed_by])).toEqual([
      [address.id, 'created', userId],
      [address.id, 'updated', userId],
      [address.id, 'deleted', userId],
    ]);
    expect(history[0]?.changes).toMatchObject({
      city: { from: null, to: 'São Paulo' },
      country: { from: null, to: 'BR' },
    });
    expect(history[1]?.changes).toEqual({
      city: { from: 'São Paulo', to: 'Campinas' },
      line2: { from: 'Apto 42', to: null },
    });
    expect(history[2]?.changes).toMatchObject({ city: { from: 'Campinas', to: null } });
  });

  it('a PATCH with a stale If-Match is 412 and changes nothing', async () => {
    const caller = customerCaller(await h.newUser());
    const created = await create(caller);
    const url = String(created.headers.location);
    await h.call(caller, 'PATCH', url, { body: { label: 'Work' } });
    const stale = await h.call(caller, 'PATCH', url, { body: { label: 'Lost' }, headers: { 'if-match': '"1"' } });
    expectProblem(stale, 412);
    expect((await h.call(caller, 'GET', url)).json()).toMatchObject({ label: 'Work', version: 2 });
    expectProblem(await h.call(caller, 'DELETE', url, { headers: { 'if-match': '"1"' } }), 412);
    expect((await h.call(caller, 'DELETE', url, { headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
  });
});

describe('default addresses', () => {
  it('the first address becomes both defaults; a new default takes the flag from the old one in one change', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);
    const first = (await create(caller, { recipient: 'First' })).json();
    const second = (await create(caller, { recipient: 'Second' })).json();
    expect(await defaults(userId)).toEqual([
      ['First', true, true],
      ['Second', false, false],
    ]);

    const third = (await create(caller, { recipient: 'Third', is_default_shipping: true })).json();
    expect(third).toMatchObject({ is_default_shipping: true, is_default_billing: false });
    expect(await defaults(userId)).toEqual([
      ['First', false, true],
      ['Second', false, false],
      ['Third', true, false],
    ]);
    const lost = (await h.checks.history(userId)).find((r) => r.entity_id === first.id && r.action === 'updated');
    expect(lost).toMatchObject({ changed_by: userId, changes: { is_default_shipping: { from: true, to: false } } });

    const patched = await h.call(caller, 'PATCH', `${BASE}/${second.id}`, {
      body: { is_default_billing: true, is_default_shipping: true },
    });
    expect(patched.json()).toMatchObject({ is_default_shipping: true, is_default_billing: true });
    expect(await defaults(userId)).toEqual([
      ['First', false, false],
      ['Second', true, true],
      ['Third', false, false],
    ]);

    await h.call(caller, 'PATCH', `${BASE}/${second.id}`, { body: { is_default_billing: false } });
    expect(await defaults(userId)).toEqual([
      ['First', false, false],
      ['Second', true, false],
      ['Third', false, false],
    ]);
  });

  it('concurrent requests for the default leave exactly one default of each kind', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        create(caller, { recipient: `R${i}`, is_default_shipping: true, is_default_billing: true }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const rows = await h.checks.addresses(userId);
    expect(rows.filter((a) => a.is_default_shipping)).toHaveLength(1);
    expect(rows.filter((a) => a.is_default_billing)).toHaveLength(1);
  });
});

describe('the limit of 20 addresses', () => {
  it('refuses the 21st (409, nothing written), also when requests race, and allows one again after a delete', async () => {
    const userId = await h.newUser();
    const caller = customerCaller(userId);
    for (let i = 0; i < 17; i++) expect((await create(caller, { recipient: `R${i}` })).statusCode).toBe(201);
    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => create(caller, { recipient: `X${i}` })));
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of racing.filter((x) => x.statusCode !== 201)) expectProblem(r, 409);
    expect(await h.checks.addresses(userId)).toHaveLength(20);

    const before = await h.checks.counts();
    expectProblem(await create(caller), 409);
    expect(await h.checks.counts()).toEqual(before);

    const [oldest] = (await h.call(caller, 'GET', BASE)).json().items;
    expect((await h.call(caller, 'DELETE', `${BASE}/${oldest.id}`)).statusCode).toBe(204);
    expect((await create(caller)).statusCode).toBe(201);
  });
});

describe("another customer's addresses", () => {
  it('are 404 on every route for customer B, never in B’s list, and unchanged', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const address = (await create(customerCaller(a))).json();
    const ownOfB = (await create(customerCaller(b), { recipient: 'B' })).json();
    const asB = customerCaller(b);
    const url = `${BASE}/${address.id}`;
    const before = { counts: await h.checks.counts(), rows: await h.checks.addresses(a) };

    expectProblem(await h.call(asB, 'GET', url), 404);
    expectProblem(await h.call(asB, 'PATCH', url, { body: { city: 'Hijacked' } }), 404);
    expectProblem(await h.call(asB, 'PATCH', url, { body: { is_default_shipping: true } }), 404);
    expectProblem(await h.call(asB, 'DELETE', url), 404);
    expect((await h.call(asB, 'GET', BASE)).json().items.map((i: { id: string }) => i.id)).toEqual([ownOfB.id]);

    expect(await h.checks.counts()).toEqual(before.counts);
    expect(await h.checks.addresses(a)).toEqual(before.rows);
  });

  it('are served to services (and admins) only for the right user: orders checks ownership this way', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const address = (await create(customerCaller(a))).json();
    const service: Caller = { subject: 'orders-service', roles: ['SERVICE'] };

    const ok = await h.call(service, 'GET', `/api/users/${a}/addresses/${address.id}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: address.id, line1: 'Av. Paulista, 1000' });
    expect((await h.call(adminCaller(), 'GET', `/api/users/${a}/addresses/${address.id}`)).statusCode).toBe(200);
    expectProblem(await h.call(service, 'GET', `/api/users/${b}/addresses/${address.id}`), 404);
    expectProblem(await h.call(service, 'GET', `/api/users/${a}/addresses/${newId()}`), 404);

    expectProblem(await h.call(customerCaller(a), 'GET', `/api/users/${a}/addresses/${address.id}`), 403);
    expectProblem(await h.call(null, 'GET', `/api/users/${a}/addresses/${address.id}`), 401);
  });

  it('a service caller has no /me: its subject is no user', async () => {
    const service: Caller = { subject: 'orders-service', roles: ['SERVICE'] };
    expectProblem(await h.call(service, 'GET', '/api/users/me'), 404);
    expectProblem(await h.call(service, 'POST', BASE, { body: addressBody() }), 404);
  });
});
