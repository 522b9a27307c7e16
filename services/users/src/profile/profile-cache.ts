// Read-through cache of the profile view in Redis (`users:profile:{id}`), dropped after every committed change.
//
// A plain delete-after-commit loses a race: a reader that loaded the old row before the commit can write it back
// after the delete, stale for the whole TTL. So each user also has a generation key the writer replaces after its
// commit, and a cached view counts only under the generation it was read under. A failing store degrades to SQL.
import { randomBytes } from 'node:crypto';
import { type Counter, type KeyValueStore, type Logger, withTimeout } from '@techcorp/platform';
import type { ProfileView } from './profile.schemas.ts';

export const profileCacheKey = (userId: string) => `users:profile:${userId}`;
export const profileGenerationKey = (userId: string) => `users:profile-gen:${userId}`;

export interface ProfileCache {
  /** The cached view, else load() (and cache it when there is one). A missing profile is never cached. */
  read(userId: string, load: () => Promise<ProfileView | null>): Promise<ProfileView | null>;
  /** After a change to the user committed: the cached view is gone and any in-flight read of the old one is void. */
  invalidate(userId: string): Promise<void>;
}

export interface ProfileCacheOptions {
  kv: KeyValueStore;
  logger: Logger;
  ttlMs: number;
  /** Lookups by result: hit, miss, error. */
  lookups: Counter<'result'>;
  /** A store slower than this counts as failed for the request. Default 250 ms. */
  timeoutMs?: number;
}

interface Entry {
  g: string;
  v: ProfileView;
}

const newGeneration = () => randomBytes(12).toString('base64url');

function parse(raw: string | null | undefined): Entry | null {
  if (!raw) return null;
  try {
    const entry = JSON.parse(raw) as Entry;
    return typeof entry?.g === 'string' && entry.v ? entry : null;
  } catch {
    return null;
  }
}

export function createProfileCache(options: ProfileCacheOptions): ProfileCache {
  const { kv, logger, ttlMs, lookups } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  // Outlives the views tagged with it; when it does expire, the next read starts a new one (a miss, never stale).
  const generationTtlMs = ttlMs * 2;
  const call = <T>(op: () => Promise<T>) => withTimeout(op(), timeoutMs, `kv timed out after ${timeoutMs} ms`);

  async function currentGeneration(userId: string, known: string | null): Promise<string> {
    if (known !== null) return known;
    const key = profileGenerationKey(userId);
    await call(() => kv.set(key, newGeneration(), { ttlMs: generationTtlMs, onlyIfAbsent: true }));
    const generation = await call(() => kv.get(key));
    if (generation === null) throw new Error('profile cache generation vanished');
    return generation;
  }

  return {
    async read(userId, load) {
      let generation: string;
      try {
        const [raw, known] = await call(() => kv.mget([profileCacheKey(userId), profileGenerationKey(userId)]));
        generation = await currentGeneration(userId, known ?? null);
        const entry = parse(raw);
        if (entry && entry.g === generation) {
          lookups.inc({ result: 'hit' });
          return entry.v;
        }
        lookups.inc({ result: 'miss' });
      } catch (error) {
        lookups.inc({ result: 'error' });
        logger.warn({ err: error }, 'profile cache unavailable; answering from the database');
        return load();
      }
      const view = await load();
      if (view) {
        const entry: Entry = { g: generation, v: view };
        call(() => kv.set(profileCacheKey(userId), JSON.stringify(entry), { ttlMs })).catch((error: unknown) =>
          logger.warn({ err: error }, 'profile cache write failed'),
        );
      }
      return view;
    },

    async invalidate(userId) {
      // A lost invalidation leaves a stale view until its TTL: retry a little before giving up.
      for (let attempt = 1; ; attempt++) {
        try {
          await call(() => kv.set(profileGenerationKey(userId), newGeneration(), { ttlMs: generationTtlMs }));
          await call(() => kv.del(profileCacheKey(userId)));
          return;
        } catch (error) {
          if (attempt >= 3) {
            logger.warn({ err: error, userId }, 'profile cache invalidation failed; the view expires with its TTL');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    },
  };
}
