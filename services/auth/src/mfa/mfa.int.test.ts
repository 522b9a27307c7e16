// TOTP MFA: enrol -> verify -> login needs the code -> a replayed code fails -> a recovery code works once.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, PASSWORD, type Registered, startAuth } from '../testing/auth-harness.ts';
import { codeAt } from './totp.ts';

const STEP_MS = 30_000;

describe('TOTP MFA (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    // A roomy account budget: this suite tests the challenge's own attempt limit.
    h = await startAuth({ env: { AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT: '50' } });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const login = async (email: string) => {
    const res = await h.request('POST', '/api/auth/login', { caller: null, body: { email, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const secondStep = (body: Record<string, string>) => h.request('POST', '/api/auth/login/mfa', { caller: null, body });

  /** Registers a user and turns MFA on; the step of the enabling code is spent. */
  async function enrolled(): Promise<{ account: Registered; secret: string; recoveryCodes: string[] }> {
    const account = await h.register();
    const caller = h.callerOf(account.access_token);
    const first = await h.request('POST', '/api/auth/mfa/totp', { caller });
    expect(first.statusCode).toBe(200);
    // A second start replaces the pending seed: only the latest one can confirm.
    const started = await h.request('POST', '/api/auth/mfa/totp', { caller });
    const { secret, otpauth_uri } = started.json();
    expect(secret).not.toBe(first.json().secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauth_uri).toContain(`secret=${secret}`);
    expect(otpauth_uri).toContain('algorithm=SHA1');
    expect(otpauth_uri).toContain('digits=6');
    expect(otpauth_uri).toContain('period=30');

    const wrong = await h.request('POST', '/api/auth/mfa/totp/verify', { caller, body: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: 'is not valid' }]);
    const verified = await h.request('POST', '/api/auth/mfa/totp/verify', {
      caller,
      body: { code: codeAt(secret, Date.now()) },
    });
    expect(verified.statusCode).toBe(200);
    const recoveryCodes = verified.json().recovery_codes as string[];
    return { account, secret, recoveryCodes };
  }

  it('enrol -> verify -> login needs the code -> replay refused -> recovery code works once', async () => {
    const { account, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const caller = h.callerOf(account.access_token);
    expect((await h.request('GET', '/api/auth/me', { caller })).json().mfa_enabled).toBe(true);
    expect((await h.request('POST', '/api/auth/mfa/totp', { caller })).statusCode).toBe(409);

    // The password alone opens no session.
    const challenged = await login(account.user.email);
    expect(challenged).toEqual({ mfa_required: true, mfa_token: expect.any(String), expires_in: 300 });
    expect(challenged.access_token).toBeUndefined();

    // The next step's code (the window allows ±1): a step later than the one verify spent.
    const code = codeAt(secret, Date.now() + STEP_MS);
    const wrongFirst = await secondStep({
      mfa_token: challenged.mfa_token,
      code: code === '123456' ? '654321' : '123456',
    });
    expect(wrongFirst.statusCode).toBe(401);
    const passed = await secondStep({ mfa_token: challenged.mfa_token, code });
    expect(passed.statusCode).toBe(200);
    expect(passed.json()).toMatchObject({ user: { id: account.user.id }, token_type: 'Bearer' });
    expect(decodeJwt(passed.json().access_token).sub).toBe(account.user.id);
    // The challenge is single-use.
    expect((await secondStep({ mfa_token: challenged.mfa_token, code })).statusCode).toBe(401);

    const replayChallenge = await login(account.user.email);
    const replay = await secondStep({ mfa_token: replayChallenge.mfa_token, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toBe(wrongFirst.body);

    const recovery = recoveryCodes[3] as string;
    const withRecovery = await secondStep({
      mfa_token: replayChallenge.mfa_token,
      recovery_code: recovery.toLowerCase().replace(/-/g, ' '),
    });
    expect(withRecovery.statusCode).toBe(200);
    const again = await login(account.user.email);
    expect((await secondStep({ mfa_token: again.mfa_token, recovery_code: recovery })).statusCode).toBe(401);
    expect(
      (await secondStep({ mfa_token: again.mfa_token, recovery_code: recoveryCodes[4] as string })).statusCode,
    ).toBe(200);
  });

  it('a challenge allows at most 5 attempts, then even the right code is refused', async () => {
    const { account, secret } = await enrolled();
    const challenged = await login(account.user.email);
    const right = codeAt(secret, Date.now() + STEP_MS);
    const wrong = right === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      expect((await secondStep({ mfa_token: challenged.mfa_token, code: wrong })).statusCode).toBe(401);
    }
    expect((await secondStep({ mfa_token: challenged.mfa_token, code: right })).statusCode).toBe(401);
  });

  it('code and recovery_code are exclusive, and an unknown challenge is 401', async () => {
    const { account, secret, recoveryCodes } = await enrolled();
    const challenged = await login(account.user.email);
    const both = await secondStep({
      mfa_token: challenged.mfa_token,
      code: codeAt(secret, Date.now()),
      recovery_code: recoveryCodes[0] as string,
    });
    expect(both.statusCode).toBe(400);
    const neither = await secondStep({ mfa_token: challenged.mfa_token });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].field).toBe('code');
    const unknown = await secondStep({ mfa_token: 'A'.repeat(43), code: '123456' });
    expect(unknown.statusCode).toBe(401);
  });

  it('disabling needs a current code; afterwards the password alone signs in again', async () => {
    const { account, secret } = await enrolled();
    const caller = h.callerOf(account.access_token);
    const wrong = await h.request('DELETE', '/api/auth/mfa/totp', { caller, body: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const off = await h.request('DELETE', '/api/auth/mfa/totp', {
      caller,
      body: { code: codeAt(secret, Date.now() + STEP_MS) },
    });
    expect(off.statusCode).toBe(204);
    expect((await h.request('GET', '/api/auth/me', { caller })).json().mfa_enabled).toBe(false);
    expect((await login(account.user.email)).access_token).toEqual(expect.any(String));
    const { rows } = await h.infra.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1',
      [account.user.id],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('the seed is sealed at rest: the database never holds it in clear', async () => {
    const account = await h.register();
    const { secret } = (
      await h.request('POST', '/api/auth/mfa/totp', { caller: h.callerOf(account.access_token) })
    ).json();
    const { rows } = await h.infra.sql.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM mfa_totp WHERE user_id = $1',
      [account.user.id],
    );
    expect(rows[0]?.secret_sealed).toMatch(/^v1\./);
    expect(rows[0]?.secret_sealed).not.toContain(secret);
  });
});
