// JWKS and key rotation without downtime: tokens verify with the platform's verifier against a listening auth.

import { createAccessTokenVerifier, tokenSettings } from '@techcorp/platform';
import { adminCaller, waitFor } from '@techcorp/platform/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, startAuth } from '../testing/auth-harness.ts';

describe('signing keys and JWKS (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;
  let baseUrl: string;

  beforeAll(async () => {
    h = await startAuth();
    baseUrl = await h.handle.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  /** A verifier as the gateway builds it; a new one fetches the key set afresh. */
  const verifier = () =>
    createAccessTokenVerifier({ jwksUrl: `${baseUrl}/.well-known/jwks.json`, ...tokenSettings({}) });
  const jwks = async () => {
    const res = await fetch(`${baseUrl}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    return {
      cacheControl: res.headers.get('cache-control'),
      keys: ((await res.json()) as { keys: { kid: string }[] }).keys,
    };
  };
  const kidOf = (token: string) => decodeProtectedHeader(token).kid as string;
  const rotate = async () => {
    const res = await h.request('POST', '/api/auth/keys/rotate', { caller: adminCaller() });
    expect(res.statusCode).toBe(200);
    return res.json() as { kid: string; retiring: string | null };
  };

  it('publishes only public members of the active key, cacheable for a minute', async () => {
    const { cacheControl, keys } = await jwks();
    expect(cacheControl).toBe('public, max-age=60');
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: h.handle.keyring.activeKid() });
  });

  it('a login token verifies with createAccessTokenVerifier; a tampered one does not', async () => {
    const registered = await h.register();
    const { identity, claims } = await verifier().verify(registered.access_token);
    expect(identity).toEqual({
      subject: registered.user.id,
      roles: ['USER'],
      sessionId: claims.sid,
      kind: 'user',
    });
    const [header, payload, signature] = registered.access_token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['USER', 'ADMIN'] })).toString('base64url');
    expect(forged).not.toBe(payload);
    await expect(verifier().verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ status: 401 });
  });

  it('rotation: an older token still verifies, new tokens carry the new kid, the JWKS has both', async () => {
    const before = await h.register();
    const oldKid = kidOf(before.access_token);
    const rotated = await rotate();
    expect(rotated.retiring).toBe(oldKid);
    expect(rotated.kid).not.toBe(oldKid);

    const after = await h.register();
    expect(kidOf(after.access_token)).toBe(rotated.kid);
    const { keys } = await jwks();
    expect(keys.map((k) => k.kid).sort()).toEqual([oldKid, rotated.kid].sort());
    const check = verifier();
    await expect(check.verify(before.access_token)).resolves.toMatchObject({ identity: { subject: before.user.id } });
    await expect(check.verify(after.access_token)).resolves.toMatchObject({ identity: { subject: after.user.id } });

    const listed = (await h.request('GET', '/api/auth/keys', { caller: adminCaller() })).json().items as {
      kid: string;
      state: string;
      created_at: string;
      retire_after: string | null;
    }[];
    const old = listed.find((k) => k.kid === oldKid)!;
    expect(old.state).toBe('retiring');
    expect(listed.find((k) => k.kid === rotated.kid)).toMatchObject({ state: 'active', retire_after: null });
    // retire_after = rotated_at + access TTL (300 s) + 60 s.
    const { rows } = await h.infra.sql.query<{ seconds: number }>(
      'SELECT extract(epoch FROM retire_after - rotated_at)::int AS seconds FROM signing_keys WHERE kid = $1',
      [oldKid],
    );
    expect(rows[0]?.seconds).toBe(360);
    for (const key of listed) expect(Object.keys(key).sort()).toEqual(['created_at', 'kid', 'retire_after', 'state']);
    const sealed = await h.infra.sql.query<{ kid: string; private_key_sealed: string | null }>(
      'SELECT kid, private_key_sealed FROM signing_keys',
    );
    for (const row of sealed.rows) {
      if (row.kid === rotated.kid) expect(row.private_key_sealed).toMatch(/^v1\./);
      else expect(row.private_key_sealed).toBeNull();
    }
  });

  it('another instance follows a rotation by itself and signs with the new key', async () => {
    const other = await h.startInstance({ AUTH_KEY_RELOAD_INTERVAL_MS: '100' });
    expect(other.keyring.activeKid()).toBe(h.handle.keyring.activeKid());
    const rotated = await rotate();
    await waitFor(() => other.keyring.activeKid() === rotated.kid, { description: 'the other instance reloads' });
    const res = await other.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: `other-${crypto.randomUUID()}@example.com`, password: 'a long enough password', name: 'O' },
    });
    expect(res.statusCode).toBe(201);
    expect(kidOf(res.json().access_token)).toBe(rotated.kid);
    await other.stop();
  });

  it('a retiring key past retire_after is unpublished (retired) and its tokens stop verifying', async () => {
    const before = await h.register();
    const oldKid = kidOf(before.access_token);
    await rotate();
    await h.infra.sql.query(`UPDATE signing_keys SET retire_after = now() - interval '1 second' WHERE kid = $1`, [
      oldKid,
    ]);
    expect((await jwks()).keys.map((k) => k.kid)).not.toContain(oldKid);
    await h.handle.keyring.reload();
    const { rows } = await h.infra.sql.query<{ state: string }>('SELECT state FROM signing_keys WHERE kid = $1', [
      oldKid,
    ]);
    expect(rows[0]?.state).toBe('retired');
    await expect(verifier().verify(before.access_token)).rejects.toMatchObject({ status: 401 });
  });
});

describe('first boot of several instances at once', () => {
  it('creates exactly one active key, which every instance signs with', async () => {
    const h = await startAuth({ start: false });
    try {
      const others = await Promise.all([h.startInstance(), h.startInstance(), h.startInstance()]);
      const all = [h.handle, ...others];
      await Promise.all(all.map((instance) => instance.start()));
      const { rows } = await h.infra.sql.query<{ state: string; n: number }>(
        'SELECT state, count(*)::int AS n FROM signing_keys GROUP BY state',
      );
      expect(rows).toEqual([{ state: 'active', n: 1 }]);
      expect(new Set(all.map((instance) => instance.keyring.activeKid())).size).toBe(1);
    } finally {
      await h.close();
    }
  });
});
