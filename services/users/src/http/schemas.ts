// Value schemas shared by the users routes: ids, bounded plain text, phone, language, currency, e-mail, If-Match.
import { Type } from '@sinclair/typebox';
import { CURRENCIES } from '@techcorp/contracts';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID_RE = new RegExp(UUID_PATTERN);
export const isUuid = (value: string): boolean => UUID_RE.test(value);

/** A canonical UUID; ajv's `uuid` format also takes a `urn:uuid:` prefix, which PostgreSQL refuses. */
export const Uuid = Type.String({ pattern: UUID_PATTERN, maxLength: 36 });

/** Text a person typed (already trimmed by the routes' hook): no control characters, so no header or log injection. */
export const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u001F\\u007F]*$' });

/** E.164, e.g. +5511912345678. */
const PHONE_PATTERN = '^\\+[1-9][0-9]{6,14}$';
export const Phone = Type.String({ pattern: PHONE_PATTERN, maxLength: 16 });

/** A BCP 47 tag of language, optional script and optional region: en, pt-BR, zh-Hant-TW, es-419. */
export const LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$';
export const Language = Type.String({ pattern: LANGUAGE_PATTERN, maxLength: 16 });

/** ISO 4217 codes the platform can price in (contracts' CURRENCIES). */
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', enum: [...CURRENCIES] });

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

export const UserIdParams = Type.Object({ userId: Uuid }, { additionalProperties: false });

export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) });
