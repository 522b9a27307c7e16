// adminOnly: disabled without a token (403), 401 without the right bearer token, through with it.
import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf } from './test-app.ts';

describe('adminOnly', () => {
  it('refuses every call with 403 when ADMIN_API_TOKEN is unset', async () => {
    const { app } = buildTestApp({ env: {} });
    const res = await app.inject({ method: 'GET', url: '/admin/ping', headers: { authorization: 'Bearer anything' } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).detail).toBe('admin API disabled: set ADMIN_API_TOKEN');
  });

  it('answers 401 without or with a wrong token, and lets the right token through', async () => {
    const { app } = buildTestApp({ env: { ADMIN_API_TOKEN: 's3cret-admin-token' } });
    for (const authorization of [undefined, 'Bearer wrong', 'Basic s3cret-admin-token', 'Bearer s3cret-admin-toke']) {
      const res = await app.inject({
        method: 'GET',
        url: '/admin/ping',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(problemOf(res).type).toBe('urn:techcorp:problem:unauthenticated');
    }
    const ok = await app.inject({
      method: 'GET',
      url: '/admin/ping',
      headers: { authorization: 'bearer s3cret-admin-token' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ admin: true });
  });
});
