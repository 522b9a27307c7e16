// Opaque random tokens and their SHA-256 digests: what is stored is the digest, never the token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): refresh tokens, MFA challenge tokens. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

export const OPAQUE_TOKEN = '^[A-Za-z0-9_-]{43}$';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** Compares two hex digests in constant time (equal lengths by construction). */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
