// Bad input on every route: 400 problem+json naming the field, nothing written, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, type Registered, startAuth } from './testing/auth-harness.ts';
import { BAD_INPUTS, long, VALID_REGISTRATION } from './testing/bad-inputs.ts';

describe('input validation (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;
  let account: Registered;
  const counts = async () =>
    (
      await h.infra.sql.query(
        `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sessions)::int AS sessions,
           (SELECT count(*) FROM refresh_tokens)::int AS tokens, (SELECT count(*) FROM outbox)::int AS outbox,
           (SELECT count(*) FROM mfa_totp)::int AS mfa`,
      )
    ).rows[0];

  beforeAll(async () => {
    h = await startAuth();
    account = await h.register();
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  it.each(BAD_INPUTS.map((c) => [c.name, c] as const))('%s -> 400 naming the field', async (_name, c) => {
    const before = await counts();
    const res = await h.request(c.method, c.url, {
      caller: c.authenticated ? h.callerOf(account.access_token) : null,
      body: c.body,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const problem = res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(c.field);
    expect(problem.detail).toContain(c.field);
    expect(await counts()).toEqual(before);
  });

  it('the leak check is not vacuous: a body carrying a stored digest or an argon2 string fails it', async () => {
    const { rows } = await h.infra.sql.query<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens LIMIT 1');
    for (const leaked of [`{"x":"${rows[0]?.token_hash}"}`, '{"hash":"$argon2id$v=19$m=19456"}']) {
      h.bodies.push(leaked);
      await expect(h.assertNoSecretsLeaked()).rejects.toThrow();
      h.bodies.pop();
    }
  });

  it('malformed JSON, an empty JSON body and a foreign media type are 4xx problems', async () => {
    const send = (payload: string, contentType: string) =>
      h.handle.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { 'content-type': contentType },
        payload,
      });
    const malformed = await send('{"email":', 'application/json');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().type).toBe('urn:techcorp:problem:malformed-body');
    expect((await send('', 'application/json')).statusCode).toBe(400);
    expect((await send('email=a', 'text/plain')).statusCode).toBe(415);
    const huge = await send(JSON.stringify({ ...VALID_REGISTRATION, name: long(70_000) }), 'application/json');
    expect(huge.statusCode).toBe(413);
  });
});
