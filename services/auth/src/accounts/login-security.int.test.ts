// Sign-in never tells accounts apart, and failures are throttled per account and per client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, PASSWORD, startAuth, uniqueEmail } from '../testing/auth-harness.ts';

const MAX_PER_IP = 8;

describe('sign-in security (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;
  let ipSeq = 0;
  /** A fresh client address per test, so the per-IP budget of one test does not leak into another. */
  const freshIp = () => `198.51.100.${++ipSeq}`;

  beforeAll(async () => {
    h = await startAuth({ env: { AUTH_LOGIN_MAX_FAILURES_PER_IP: String(MAX_PER_IP) } });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const login = (email: string, password: string, clientIp: string) =>
    h.request('POST', '/api/auth/login', { caller: null, clientIp, body: { email, password } });

  it('an unknown e-mail and a wrong password get the same 401 body', async () => {
    const ip = freshIp();
    const { user } = await h.register();
    const wrongPassword = await login(user.email, 'not the password at all', ip);
    const unknownEmail = await login(uniqueEmail('ghost'), 'not the password at all', ip);
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);
    expect(unknownEmail.headers['www-authenticate']).toBe(wrongPassword.headers['www-authenticate']);
    expect(wrongPassword.json()).toMatchObject({ status: 401, detail: 'invalid e-mail or password' });
  });

  it('per account: the 6th attempt in the window is 429 with Retry-After, before the password is checked', async () => {
    const ip = freshIp();
    const { user } = await h.register();
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong password ${i}!`, ip)).statusCode).toBe(401);
    const blocked = await login(user.email, PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toBe('application/problem+json');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // The account is limited wherever the attempts come from; another account from the same address is not.
    expect((await login(user.email, PASSWORD, freshIp())).statusCode).toBe(429);
    const other = await h.register();
    expect((await login(other.user.email, PASSWORD, ip)).statusCode).toBe(200);
  });

  it('an unknown e-mail is throttled exactly like a known one', async () => {
    const ip = freshIp();
    const ghost = uniqueEmail('ghost');
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await login(ghost, `wrong password ${i}!`, ip)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a successful sign-in resets the account counter', async () => {
    // A new address per attempt: only the account's budget is under test here.
    const { user } = await h.register();
    const fail = async (i: number) => (await login(user.email, `wrong password ${i}!`, freshIp())).statusCode;
    for (let i = 0; i < 4; i++) expect(await fail(i)).toBe(401);
    expect((await login(user.email, PASSWORD, freshIp())).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect(await fail(i)).toBe(401);
    expect((await login(user.email, PASSWORD, freshIp())).statusCode).toBe(429);
  });

  it('per client address: failures over many accounts exhaust the address, not the others', async () => {
    const ip = freshIp();
    const victims = await Promise.all([h.register(), h.register(), h.register(), h.register()]);
    for (const { user } of victims) {
      for (let i = 0; i < MAX_PER_IP / victims.length; i++) {
        expect((await login(user.email, `wrong password ${i}!`, ip)).statusCode).toBe(401);
      }
    }
    const fresh = await h.register();
    const blocked = await login(fresh.user.email, PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(fresh.user.email, PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('parallel guesses cannot slip past the account limit', async () => {
    const { user } = await h.register();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(user.email, `wrong password ${i}!`, freshIp())),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });

  it('a forged gateway context is refused, not trusted for the client address', async () => {
    const res = await h.request('POST', '/api/auth/login', {
      headers: {
        'x-identity-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'A'.repeat(43)}`,
        'x-client-ip': '10.0.0.1',
      },
      body: { email: uniqueEmail(), password: PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });
});
