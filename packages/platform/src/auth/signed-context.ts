// The request context only the gateway can vouch for: identity and client address, HMAC-signed with a shared secret.
// A service believes x-user-* headers only when this signature (bound to method, URL and time) checks out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../config.ts';
import { type Identity, identityFrom } from './identity.ts';

export const CONTEXT_HEADERS = {
  userId: 'x-user-id',
  roles: 'x-user-roles',
  sessionId: 'x-session-id',
  clientIp: 'x-client-ip',
  signature: 'x-identity-signature',
} as const;

/** Headers a client may never send through the gateway: it sets them itself (or drops them). */
export const GATEWAY_ONLY_HEADERS: readonly string[] = [
  ...Object.values(CONTEXT_HEADERS),
  'x-correlation-id',
  'traceparent',
  'tracestate',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'forwarded',
];

/** How far apart (seconds) the gateway's and the service's clocks, plus transit, may be. */
export const SIGNATURE_MAX_AGE_SECONDS = 60;
const MIN_SECRET_LENGTH = 32;

export interface SignedContext {
  identity: Identity | null;
  clientIp: string | null;
}

export interface RequestTarget {
  method: string;
  /** Path and query exactly as the service receives them. */
  url: string;
}

/** The shared secret from GATEWAY_IDENTITY_SECRET; refuses to boot without a long enough one. */
export function gatewaySecretFromEnv(env: Record<string, string | undefined>): string {
  const secret = env.GATEWAY_IDENTITY_SECRET?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`GATEWAY_IDENTITY_SECRET is required (at least ${MIN_SECRET_LENGTH} characters)`);
  }
  return secret;
}

/** The headers the gateway adds to a request it forwards. */
export function signContext(
  secret: string,
  context: SignedContext,
  target: RequestTarget,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const fields = contextFields(context);
  const signature = mac(secret, canonical(nowSeconds, target, fields));
  const headers: Record<string, string> = { [CONTEXT_HEADERS.signature]: `t=${nowSeconds},v1=${signature}` };
  if (fields.userId) headers[CONTEXT_HEADERS.userId] = fields.userId;
  if (fields.roles) headers[CONTEXT_HEADERS.roles] = fields.roles;
  if (fields.sessionId) headers[CONTEXT_HEADERS.sessionId] = fields.sessionId;
  if (fields.clientIp) headers[CONTEXT_HEADERS.clientIp] = fields.clientIp;
  return headers;
}

export type VerifiedContext = { ok: true; context: SignedContext } | { ok: false; reason: string } | null;

/** null when the request carries no signature; otherwise whether it checks out, and what it vouches for. */
export function verifyContext(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  target: RequestTarget,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifiedContext {
  const header = single(headers[CONTEXT_HEADERS.signature]);
  if (header === undefined) return null;
  const match = /^t=(\d{1,12}),v1=([A-Za-z0-9_-]{43})$/.exec(header);
  if (!match) return { ok: false, reason: 'malformed signature' };
  const issuedAt = Number(match[1]);
  if (Math.abs(nowSeconds - issuedAt) > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'stale signature' };
  const fields = {
    userId: single(headers[CONTEXT_HEADERS.userId]) ?? '',
    roles: single(headers[CONTEXT_HEADERS.roles]) ?? '',
    sessionId: single(headers[CONTEXT_HEADERS.sessionId]) ?? '',
    clientIp: single(headers[CONTEXT_HEADERS.clientIp]) ?? '',
  };
  const expected = Buffer.from(mac(secret, canonical(issuedAt, target, fields)));
  const given = Buffer.from(match[2] as string);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  const roles = fields.roles ? fields.roles.split(',') : [];
  return {
    ok: true,
    context: {
      identity: fields.userId ? identityFrom(fields.userId, roles, fields.sessionId || null) : null,
      clientIp: fields.clientIp || null,
    },
  };
}

function contextFields(context: SignedContext) {
  const identity = context.identity;
  return {
    userId: identity?.subject ?? '',
    roles: identity ? identity.roles.join(',') : '',
    sessionId: identity?.sessionId ?? '',
    clientIp: context.clientIp ?? '',
  };
}

function canonical(
  issuedAt: number,
  target: RequestTarget,
  f: { userId: string; roles: string; sessionId: string; clientIp: string },
): string {
  // Newlines cannot occur in header values or request lines, so the fields cannot be shifted into one another.
  return [
    'tc-ctx-v1',
    issuedAt,
    target.method.toUpperCase(),
    target.url,
    f.userId,
    f.roles,
    f.sessionId,
    f.clientIp,
  ].join('\n');
}

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
