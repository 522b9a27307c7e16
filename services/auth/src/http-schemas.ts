// Shared HTTP value schemas (snake_case JSON) for auth's routes.
import { Type } from '@sinclair/typebox';
import { OPAQUE_TOKEN } from './crypto/digests.ts';

/** A canonical UUID; ajv's `uuid` format also takes a `urn:uuid:` prefix, which PostgreSQL refuses. */
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  maxLength: 36,
});
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trimmed and lower-cased by the handler; the address rules are checked after that (account.policy.ts). */
export const EmailInput = Type.String({ minLength: 3, maxLength: 320 });
/** Length bounds are checked by the password policy, which also compares with the e-mail (one message per rule). */
export const PasswordInput = Type.String({ minLength: 1, maxLength: 1024 });
/** Printable text with at least one visible character; trimmed by the handler. */
export const NameInput = Type.String({
  minLength: 1,
  maxLength: 120,
  pattern: '^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$',
});
export const OpaqueToken = Type.String({ pattern: OPAQUE_TOKEN, maxLength: 43 });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
});

export const TokenPair = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

export const SessionTokens = Type.Object({
  user: UserView,
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

/** Token responses must not be stored by any cache (RFC 6749 §5.1). */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export const IdParams = Type.Object({ id: Uuid });
