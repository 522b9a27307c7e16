// TOTP (RFC 6238: SHA1, 6 digits, 30 s, ±1 step) and recovery codes, pure apart from randomness.
import { Secret, TOTP } from 'otpauth';
import { sha256Hex } from '../crypto/digests.ts';

export const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30, window: 1 } as const;
export const RECOVERY_CODE_COUNT = 10;

/** A new seed: 20 random bytes (RFC 4226's recommended 160 bits), base32 as authenticator apps expect it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export function otpauthUri(secretBase32: string, issuer: string, account: string): string {
  const { algorithm, digits, period } = TOTP_SETTINGS;
  const totp = new TOTP({ issuer, label: account, secret: Secret.fromBase32(secretBase32), algorithm, digits, period });
  return totp.toString();
}

/** The time step a code belongs to (the current one ±1), or null when it matches none. */
export function matchingStep(secretBase32: string, code: string, nowMs: number): number | null {
  const { algorithm, digits, period, window } = TOTP_SETTINGS;
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    algorithm,
    digits,
    period,
    window,
    timestamp: nowMs,
  });
  return delta === null ? null : TOTP.counter({ period, timestamp: nowMs }) + delta;
}

/** A step is spent once: only a later step than the last accepted one is accepted, so a replayed code fails. */
export const isFreshStep = (step: number, lastUsedStep: number | null): boolean =>
  lastUsedStep === null || step > lastUsedStep;

/** A code for `nowMs` (tests and enrolment checks). */
export function codeAt(secretBase32: string, nowMs: number): string {
  const { algorithm, digits, period } = TOTP_SETTINGS;
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm, digits, period, timestamp: nowMs });
}

/** Ten codes of 80 random bits each, base32 in groups of four: `ABCD-EFGH-IJKL-MNOP`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => new Secret({ size: 10 }).base32.match(/.{4}/g)!.join('-'));
}

/** Case, dashes and spaces do not matter when a code is typed back. */
export const normaliseRecoveryCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export const RECOVERY_CODE_INPUT = '^[A-Za-z2-7 -]{16,32}$';

export const recoveryCodeDigest = (code: string): string => sha256Hex(normaliseRecoveryCode(code));
