// Bad input at every endpoint: 400 problem+json naming the field, never a 5xx, and no row written or changed.
import { adminCaller, customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressBody, expectProblem, startUsers, type UsersHarness } from '../testing/users-harness.ts';

let h: UsersHarness;
let userId: string;
let addressId: string;

beforeAll(async () => {
  h = await startUsers();
  userId = await h.newUser();
  addressId = (await h.call(customerCaller(userId), 'POST', '/api/users/me/addresses', { body: addressBody() })).json()
    .id;
});
afterAll(async () => {
  await h?.close();
});

const snapshot = async () => ({
  counts: await h.checks.counts(),
  profile: await h.checks.profile(userId),
  preferences: await h.checks.preferences(userId),
  addresses: await h.checks.addresses(userId),
});

async function expectRefused(
  method: string,
  url: string,
  body: unknown,
  field: string,
  caller = customerCaller(userId),
) {
  const before = await snapshot();
  expectProblem(await h.call(caller, method, url, body === undefined ? {} : { body }), 400, field);
  expect(await snapshot()).toEqual(before);
}

const CONTROL = 'Ana\u0000Souza';

describe('PATCH /api/users/me', () => {
  it.each<[string, unknown, string]>([
    ['an empty body', {}, 'body'],
    ['a body that is no object', ['name'], 'body'],
    ['a blank name (after trimming)', { name: '   ' }, 'name'],
    ['a name of 121 characters', { name: 'a'.repeat(121) }, 'name'],
    ['a name with a control character', { name: CONTROL }, 'name'],
    ['a name that is a number', { name: 42 }, 'name'],
    ['a phone without +', { phone: '11912345678' }, 'phone'],
    ['a phone with letters', { phone: '+55abc' }, 'phone'],
    ['a phone too long', { phone: `+${'1'.repeat(16)}` }, 'phone'],
  ])('with %s', async (_case, body, field) => expectRefused('PATCH', '/api/users/me', body, field));
});

describe('PATCH /api/users/me/preferences', () => {
  it.each<[string, unknown, string]>([
    ['an empty body', {}, 'body'],
    ['a language that is no tag', { language: 'english' }, 'language'],
    ['a language in the wrong case', { language: 'PT-br' }, 'language'],
    ['a lower-case currency', { currency: 'brl' }, 'currency'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['an unknown channel', { notifications: { fax: { promotions: true } } }, 'notifications.fax'],
    ['an unknown category', { notifications: { email: { newsletter: true } } }, 'notifications.email.newsletter'],
    ['a string for a flag', { notifications: { sms: { promotions: 'yes' } } }, 'notifications.sms.promotions'],
    ['an empty channel', { notifications: { sms: {} } }, 'notifications.sms'],
    ['notifications as an array', { notifications: [] }, 'notifications'],
  ])('with %s', async (_case, body, field) => expectRefused('PATCH', '/api/users/me/preferences', body, field));
});

describe('POST /api/users/me/addresses', () => {
  const without = (key: string) => {
    const body = addressBody();
    delete body[key];
    return body;
  };
  it.each<[string, unknown, string]>([
    ['no recipient', without('recipient'), 'recipient'],
    ['no line1', without('line1'), 'line1'],
    ['no city', without('city'), 'city'],
    ['no postal code', without('postal_code'), 'postal_code'],
    ['no country', without('country'), 'country'],
    ['a blank recipient', addressBody({ recipient: '  ' }), 'recipient'],
    ['a line1 of 201 characters', addressBody({ line1: 'x'.repeat(201) }), 'line1'],
    ['a label of 51 characters', addressBody({ label: 'x'.repeat(51) }), 'label'],
    ['an empty label', addressBody({ label: '' }), 'label'],
    ['a city with a newline', addressBody({ city: 'São\nPaulo' }), 'city'],
    ['a lower-case country', addressBody({ country: 'br' }), 'country'],
    ['a three-letter country', addressBody({ country: 'BRA' }), 'country'],
    ['a country that does not exist', addressBody({ country: 'ZZ' }), 'country'],
    ['the EU as country', addressBody({ country: 'EU' }), 'country'],
    ['a postal code with symbols', addressBody({ postal_code: '01310#100' }), 'postal_code'],
    ['a postal code of 11 characters', addressBody({ postal_code: '12345678901' }), 'postal_code'],
    ['a bad phone', addressBody({ phone: '12' }), 'phone'],
    ['a default flag as a string', addressBody({ is_default_shipping: 'true' }), 'is_default_shipping'],
  ])('with %s', async (_case, body, field) => expectRefused('POST', '/api/users/me/addresses', body, field));
});

describe('PATCH and DELETE /api/users/me/addresses/:id', () => {
  it.each<[string, unknown, string]>([
    ['an empty body', {}, 'body'],
    ['a null recipient', { recipient: null }, 'recipient'],
    ['a country that does not exist', { country: 'QQ' }, 'country'],
    ['a null default flag', { is_default_billing: null }, 'is_default_billing'],
  ])('PATCH with %s', async (_case, body, field) =>
    expectRefused('PATCH', `/api/users/me/addresses/${addressId}`, body, field),
  );

  it.each(['GET', 'PATCH', 'DELETE'])('%s with an id that is no UUID', async (method) => {
    const body = method === 'PATCH' ? { city: 'X' } : undefined;
    await expectRefused(method, '/api/users/me/addresses/not-a-uuid', body, 'addressId');
  });
});

describe('query strings and paths', () => {
  it.each<[string, string]>([
    ['/api/users/me/history?limit=0', 'limit'],
    ['/api/users/me/history?limit=101', 'limit'],
    ['/api/users/me/history?limit=abc', 'limit'],
    ['/api/users/me/history?before=nope', 'before'],
    ['/api/users/me/history?sort=asc', 'sort'],
  ])('GET %s', async (url, field) => expectRefused('GET', url, undefined, field));

  it.each<[string, string]>([
    ['/api/users?email=not-an-email', 'email'],
    ['/api/users', 'email'],
    ['/api/users/123', 'userId'],
    ['/api/users/123/history', 'userId'],
    [`/api/users/${'f'.repeat(36)}/addresses/x`, 'userId'],
  ])('admin GET %s', async (url, field) => expectRefused('GET', url, undefined, field, adminCaller()));
});

describe('malformed requests', () => {
  it.each([
    ['PATCH', '/api/users/me'],
    ['PATCH', '/api/users/me/preferences'],
    ['POST', '/api/users/me/addresses'],
  ])('%s %s with broken JSON is 400 problem+json and writes nothing', async (method, url) => {
    const before = await snapshot();
    expectProblem(await h.call(customerCaller(userId), method, url, { body: '{"name": ' }), 400);
    expect(await snapshot()).toEqual(before);
  });

  it('a body of another media type is 415 and writes nothing', async () => {
    const before = await snapshot();
    const res = await h.call(customerCaller(userId), 'PATCH', '/api/users/me', {
      body: 'name=Mallory',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415);
    expect(await snapshot()).toEqual(before);
  });
});

describe('trimming', () => {
  it('stores what the user meant: surrounding spaces removed', async () => {
    const res = await h.call(customerCaller(userId), 'PATCH', '/api/users/me', { body: { name: '  Ana  Lima  ' } });
    expect(res.json()).toMatchObject({ name: 'Ana  Lima' });
  });
});
