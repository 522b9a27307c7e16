// TOTP codes (RFC 6238, ±1 step), one use per step, and recovery codes.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/digests.ts';
import {
  codeAt,
  isFreshStep,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  recoveryCodeDigest,
} from './totp.ts';

// RFC 6238 appendix B: the SHA1 seed "12345678901234567890", T = 59 s -> 94287082 (8 digits; 6 digits: 287082).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches RFC 6238’s test vector', () => {
    expect(codeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(matchingStep(RFC_SECRET, '287082', 59_000)).toBe(1);
  });

  it('accepts the previous and the next step, nothing further', () => {
    const now = 1_000_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, now + 30_000), now)).toBe(step + 1);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, now + 60_000), now)).toBeNull();
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, now - 60_000), now)).toBeNull();
  });

  it('refuses codes that are not six digits', () => {
    expect(matchingStep(RFC_SECRET, '28708', 59_000)).toBeNull();
    expect(matchingStep(RFC_SECRET, ' 287082', 59_000)).toBeNull();
  });

  it('spends a step once: only a later step than the last accepted passes', () => {
    expect(isFreshStep(10, null)).toBe(true);
    expect(isFreshStep(11, 10)).toBe(true);
    expect(isFreshStep(10, 10)).toBe(false);
    expect(isFreshStep(9, 10)).toBe(false);
  });

  it('makes 160-bit base32 seeds', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes of 80 bits, grouped for reading', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  });
  it('ignore case, dashes and spaces when typed back, and are stored as SHA-256 of the normal form', () => {
    expect(normaliseRecoveryCode('abcd-efgh ijkl-mnop')).toBe('ABCDEFGHIJKLMNOP');
    expect(recoveryCodeDigest('abcd efgh-ijkl mnop')).toBe(sha256Hex('ABCDEFGHIJKLMNOP'));
  });
});
