// The second sign-in step's challenge: an opaque token kept in the kv only as its digest, 5 minutes, 5 attempts.
import { type KeyValueStore, unavailable } from '@techcorp/platform';
import { newOpaqueToken, sha256Hex } from '../crypto/digests.ts';

export const CHALLENGE_TTL_SECONDS = 300;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export interface Challenge {
  userId: string;
  /** The account's throttle key, so failed codes count against the account like failed passwords. */
  accountKey: string;
}

const keyOf = (token: string) => `auth:mfa-challenge:${sha256Hex(token)}`;
const attemptsOf = (token: string) => `${keyOf(token)}:attempts`;

export function createChallenges(kv: KeyValueStore) {
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch {
      throw unavailable('sign-in is temporarily unavailable');
    }
  };

  return {
    create: (challenge: Challenge): Promise<string> =>
      guarded(async () => {
        const token = newOpaqueToken();
        const value = JSON.stringify({ user_id: challenge.userId, account_key: challenge.accountKey });
        await kv.set(keyOf(token), value, { ttlMs: CHALLENGE_TTL_SECONDS * 1000 });
        return token;
      }),

    /** Counts an attempt; the challenge, or null when it is unknown, expired or out of attempts (then it is gone). */
    attempt: (token: string): Promise<Challenge | null> =>
      guarded(async () => {
        const raw = await kv.get(keyOf(token));
        if (raw === null) return null;
        const attempts = await kv.incrBy(attemptsOf(token), 1);
        if (attempts === 1) await kv.expire(attemptsOf(token), CHALLENGE_TTL_SECONDS * 1000);
        if (attempts > CHALLENGE_MAX_ATTEMPTS) {
          await kv.del(keyOf(token), attemptsOf(token));
          return null;
        }
        const parsed = JSON.parse(raw) as { user_id: string; account_key: string };
        return { userId: parsed.user_id, accountKey: parsed.account_key };
      }),

    /** Ends the challenge; true for the one caller that ended it (a parallel second success gets false). */
    consume: (token: string): Promise<boolean> =>
      guarded(async () => {
        const ended = (await kv.del(keyOf(token))) === 1;
        await kv.del(attemptsOf(token));
        return ended;
      }),
  };
}

export type Challenges = ReturnType<typeof createChallenges>;
