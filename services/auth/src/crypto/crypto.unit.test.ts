// Secrets at rest and password hashing: AES-256-GCM sealing bound to its row, argon2id at OWASP's parameters.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newOpaqueToken, sameDigest, sha256Hex } from './digests.ts';
import { createPasswordHasher } from './passwords.ts';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never shows the plaintext, each seal different', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:u1')).not.toBe(sealed);
    expect(box.open(sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another context (a value copied to another row), a tampered value and another key', () => {
    const sealed = box.seal('secret', 'totp:u1');
    expect(() => box.open(sealed, 'totp:u2')).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'totp:u1')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'totp:u1')).toThrow();
    expect(() => box.open('garbage', 'totp:u1')).toThrow('malformed');
  });

  it('needs a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow();
  });
});

describe('opaque tokens and digests', () => {
  it('tokens carry 256 bits as 43 base64url characters', () => {
    const tokens = new Set(Array.from({ length: 100 }, newOpaqueToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it('digests are SHA-256 hex and compare by value only', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameDigest(sha256Hex('a'), sha256Hex('a'))).toBe(true);
    expect(sameDigest(sha256Hex('a'), sha256Hex('b'))).toBe(false);
    expect(sameDigest('', '')).toBe(false);
  });
});

describe('password hasher', async () => {
  const hasher = await createPasswordHasher();

  it('hashes with argon2id, 19 MiB, 2 passes, 1 lane, and verifies', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('treats compatibility forms of a character alike (NFKC), and an unreadable hash as a mismatch', async () => {
    const hash = await hasher.hash('ﬁnance passphrase');
    expect(await hasher.verify(hash, 'finance passphrase')).toBe(true);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
    await expect(hasher.burn('anything')).resolves.toBeUndefined();
  });

  it('asks for a rehash of a hash made with weaker parameters', async () => {
    const argon2 = await import('argon2');
    const weak = await argon2.hash('pw', { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(hasher.needsRehash(weak)).toBe(true);
  });
});
