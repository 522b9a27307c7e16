// Password hashing with argon2id at OWASP's parameters; unknown accounts cost the same as known ones.
import * as argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet, argon2id option 2: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// NIST SP 800-63B: normalise Unicode so the same password typed on two keyboards hashes alike.
const normalise = (password: string): string => password.normalize('NFKC');

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unreadable hash; never throws. */
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification against a throwaway hash, so an unknown account answers as slowly. */
  burn(password: string): Promise<void>;
  /** True when the hash was made with other parameters and should be replaced after a successful login. */
  needsRehash(hash: string): boolean;
}

export async function createPasswordHasher(): Promise<PasswordHasher> {
  const hash = (password: string) => argon2.hash(normalise(password), ARGON2_OPTIONS);
  const verify = async (digest: string, password: string) => {
    try {
      return await argon2.verify(digest, normalise(password));
    } catch {
      return false;
    }
  };
  // Made at boot from random bytes: nobody knows a password matching it.
  const dummy = await argon2.hash(crypto.getRandomValues(new Uint8Array(32)).join(','), ARGON2_OPTIONS);
  return {
    hash,
    verify,
    async burn(password) {
      await verify(dummy, password);
    },
    needsRehash(digest) {
      try {
        return argon2.needsRehash(digest, ARGON2_OPTIONS);
      } catch {
        return true;
      }
    },
  };
}
