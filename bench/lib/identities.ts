// Real identities for a run: the admin signs in with the bootstrap credentials, customers register through the
// public API; every request afterwards carries their tokens (or, with --direct, their signed context).
import { randomBytes } from 'node:crypto';
import { type Api, type Caller, expectStatus } from './api.ts';
import type { JsonResponse } from './http-client.ts';
import type { Credentials } from './target.ts';

interface TokenBody {
  user?: { id: string; roles: string[] };
  access_token: string;
  refresh_token: string;
}

/** The `sid` claim of an access token (read, not verified: the benchmark only needs to know which session it is). */
function sessionOf(accessToken: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims.sid === 'string' ? claims.sid : null;
  } catch {
    return null;
  }
}

function callerFrom(body: TokenBody, user: { id: string; roles: string[] }): Caller {
  return {
    userId: user.id,
    roles: user.roles,
    sessionId: sessionOf(body.access_token),
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
  };
}

/** POST /api/auth/login; the answer's status is returned too, for the latency table. */
export async function logIn(api: Api, credentials: Credentials): Promise<{ res: JsonResponse; caller: Caller | null }> {
  const res = await api.send(null, 'POST', '/api/auth/login', { body: credentials });
  const body = res.body as TokenBody & { mfa_required?: boolean };
  if (res.status !== 200 || !body?.user || !body.access_token) return { res, caller: null };
  return { res, caller: callerFrom(body, body.user) };
}

export async function logInAdmin(api: Api, admin: Credentials): Promise<Caller> {
  const { res, caller } = await logIn(api, admin);
  if (!caller) {
    const mfa = (res.body as { mfa_required?: boolean })?.mfa_required ? ' (the admin has MFA on)' : '';
    throw new Error(`admin login as ${admin.email} answered ${res.status}${mfa}: ${JSON.stringify(res.body?.title)}`);
  }
  if (!caller.roles.includes('ADMIN')) throw new Error(`${admin.email} signed in but does not hold ADMIN`);
  return caller;
}

/** POST /api/auth/refresh with the caller's refresh token; on success the caller holds the rotated pair. */
export async function refresh(api: Api, caller: Caller): Promise<JsonResponse> {
  const res = await api.send(null, 'POST', '/api/auth/refresh', { body: { refresh_token: caller.refreshToken } });
  if (res.status === 200) {
    const body = res.body as TokenBody;
    caller.accessToken = body.access_token;
    caller.refreshToken = body.refresh_token;
    caller.sessionId = sessionOf(body.access_token) ?? caller.sessionId;
  }
  return res;
}

export interface Customer extends Caller {
  credentials: Credentials;
}

async function registerOne(api: Api, runId: string, n: number): Promise<Customer> {
  const credentials = {
    email: `bench-${runId}-${n}@bench.example.com`,
    password: randomBytes(15).toString('base64url'),
  };
  const res = await api.send(null, 'POST', '/api/auth/register', {
    body: { ...credentials, name: `Bench customer ${n}` },
  });
  expectStatus(res, [201], `register customer ${n}`);
  const body = res.body as TokenBody;
  return { ...callerFrom(body, body.user!), credentials };
}

/** Registers `count` customers, a few at a time (argon2id makes each registration cost tens of ms of CPU). */
export async function registerCustomers(api: Api, count: number, parallel = 4): Promise<Customer[]> {
  const runId = randomBytes(4).toString('hex');
  const customers: Customer[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      customers[n] = await registerOne(api, runId, n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return customers;
}
