// Refresh-token rotation: a spent token revokes its whole family, races give at most one winner, 401s look alike.
import { revokedSessionKey } from '@techcorp/platform';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOpaqueToken } from '../crypto/digests.ts';
import { type AuthHarness, startAuth } from '../testing/auth-harness.ts';

// Real servers as the brief requires; embedded as well, since the embedded runner runs this same SQL on PGlite.
describe.each([
  ['real PostgreSQL, Redis, RabbitMQ', false],
  ['embedded PGlite, memory kv and bus', true],
])('refresh-token families (%s)', (_adapters, embedded) => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuth({ embedded });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const refresh = (refresh_token: string) =>
    h.request('POST', '/api/auth/refresh', { caller: null, body: { refresh_token } });
  const sessionOf = async (sid: string) =>
    (
      await h.infra.sql.query<{ revoked_reason: string | null }>('SELECT revoked_reason FROM sessions WHERE id = $1', [
        sid,
      ])
    ).rows[0];

  it('reusing a spent token revokes the family: the successor fails too, and the gateway marker is set', async () => {
    const registered = await h.register();
    const sid = decodeJwt(registered.access_token).sid as string;
    const first = await refresh(registered.refresh_token);
    expect(first.statusCode).toBe(200);
    const successor = first.json().refresh_token as string;

    const reuse = await refresh(registered.refresh_token);
    expect(reuse.statusCode).toBe(401);
    expect((await sessionOf(sid))?.revoked_reason).toBe('refresh-token-reuse');
    expect(await h.infra.kv.get(revokedSessionKey(sid))).not.toBeNull();
    expect(await h.infra.kv.get(`session:${sid}`)).toBeNull();

    const afterReuse = await refresh(successor);
    expect(afterReuse.statusCode).toBe(401);
  });

  it('every refused refresh shares one body: unknown, reused, revoked family, expired family', async () => {
    const unknown = await refresh(newOpaqueToken());

    const a = await h.register();
    await refresh(a.refresh_token);
    const reused = await refresh(a.refresh_token);

    const b = await h.register();
    await h.request('POST', '/api/auth/logout', { caller: h.callerOf(b.access_token) });
    const revoked = await refresh(b.refresh_token);

    const c = await h.register();
    await h.infra.sql.query(
      `UPDATE sessions SET created_at = now() - interval '8 days', expires_at = now() - interval '1 second'
       WHERE id = $1`,
      [decodeJwt(c.access_token).sid],
    );
    const expired = await refresh(c.refresh_token);

    for (const res of [unknown, reused, revoked, expired]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe(unknown.body);
    }
  });

  it.each([2, 10])('%i parallel refreshes with one token give at most one 200, and the family ends', async (n) => {
    const registered = await h.register();
    const sid = decodeJwt(registered.access_token).sid as string;
    const answers = await Promise.all(Array.from({ length: n }, () => refresh(registered.refresh_token)));
    const winners = answers.filter((a) => a.statusCode === 200);
    expect(winners.length).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(n - winners.length);
    // The losers presented a spent token: reuse, so the family is revoked (the safe side).
    expect((await sessionOf(sid))?.revoked_reason).toBe('refresh-token-reuse');
    for (const winner of winners) expect((await refresh(winner.json().refresh_token)).statusCode).toBe(401);
    const { rows } = await h.infra.sql.query<{ live: number }>(
      'SELECT count(*)::int AS live FROM refresh_tokens WHERE session_id = $1 AND used_at IS NULL',
      [sid],
    );
    expect(rows[0]?.live).toBeLessThanOrEqual(1);
  });

  it('a refresh carries the account as it is now: a granted role shows in the next access token', async () => {
    const registered = await h.register();
    await h.infra.sql.query(`UPDATE users SET roles = ARRAY['USER','ADMIN'] WHERE id = $1`, [registered.user.id]);
    const res = await refresh(registered.refresh_token);
    expect(decodeJwt(res.json().access_token).roles).toEqual(['USER', 'ADMIN']);
  });

  it('only digests are stored: no refresh token appears in the database', async () => {
    const registered = await h.register();
    const { rows } = await h.infra.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = $1',
      [registered.refresh_token],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
