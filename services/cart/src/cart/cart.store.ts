// Carts in the key-value store: `cart:{id}` (the JSON), `cart:user:{userId}` and `cart:guest:{sha256(token)}` (the
// indexes), every write a compare-and-set of the JSON read, retried on conflict so concurrent writers never lose one.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict, type KeyValueStore } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { type Cart, type CartOwner, emptyCart, parseCart } from './cart.model.ts';

export const cartKey = (cartId: string): string => `cart:${cartId}`;
export const userIndexKey = (userId: string): string => `cart:user:${userId}`;
export const guestIndexKey = (tokenHash: string): string => `cart:guest:${tokenHash}`;
export const hashCartToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newCartToken = (): string => randomBytes(32).toString('base64url');

/** Whose cart: a signed-in customer's, or a guest's by the token they hold (none yet: null). */
export type CartRef = { kind: 'user'; userId: string } | { kind: 'guest'; token: string | null };

/** A cart as read, with the exact JSON a compare-and-set must find unchanged. */
export interface StoredCart {
  cart: Cart;
  raw: string;
}

/** The new state, or null to write nothing; may throw (a refused change leaves the cart as it was). */
export type CartChange = (cart: Cart) => Cart | null;

export interface UpdateResult {
  /** The cart after the change (or as found when the change wrote nothing); null when there is still none. */
  cart: Cart | null;
  /** The token of a guest cart this write created: shown to the guest once, stored only as its hash. */
  issuedToken: string | null;
}

export interface CartStoreOptions {
  kv: KeyValueStore;
  userTtlMs: number;
  guestTtlMs: number;
  now: () => string;
  /** Called on each lost compare-and-set (a metric). */
  onConflict?: () => void;
}

/** A cart as `readOwn` found it, to hand back to `update`. */
export interface CartRead {
  cart: Cart | null;
  /** Opaque to callers; null when nothing was found to start from (no guest token yet). */
  at: Located | null;
}

interface Located {
  indexKey: string;
  /** What the index holds (null: nothing, or an index to pass on to a cart that expired first). */
  indexedId: string | null;
  stored: StoredCart | null;
  owner: CartOwner;
  issuedToken: string | null;
}

// Twenty customers' tabs hitting one cart at once all finish well within this; past it, answer 409 rather than spin.
const MAX_ATTEMPTS = 40;

export function createCartStore(options: CartStoreOptions) {
  const { kv, now } = options;
  const ttlFor = (owner: CartOwner) => ('user_id' in owner ? options.userTtlMs : options.guestTtlMs);

  async function read(cartId: string): Promise<StoredCart | null> {
    const raw = await kv.get(cartKey(cartId));
    return raw === null ? null : { cart: parseCart(raw), raw };
  }

  async function locate(ref: CartRef, issueToken: boolean): Promise<Located | null> {
    if (ref.kind === 'user') {
      const indexKey = userIndexKey(ref.userId);
      const indexedId = await kv.get(indexKey);
      const stored = indexedId ? await read(indexedId) : null;
      return { indexKey, indexedId, stored, owner: { user_id: ref.userId }, issuedToken: null };
    }
    if (ref.token !== null) {
      const indexKey = guestIndexKey(hashCartToken(ref.token));
      const indexedId = await kv.get(indexKey);
      // An unknown (expired) token is not adopted: a new cart gets a token this service made.
      if (indexedId)
        return { indexKey, indexedId, stored: await read(indexedId), owner: { guest: true }, issuedToken: null };
    }
    if (!issueToken) return null;
    const token = newCartToken();
    return {
      indexKey: guestIndexKey(hashCartToken(token)),
      indexedId: null,
      stored: null,
      owner: { guest: true },
      issuedToken: token,
    };
  }

  /** Writes `next` over what `at` found; false when someone else wrote first. */
  async function write(at: Located, next: Cart): Promise<boolean> {
    const ttlMs = ttlFor(next.owner);
    const json = JSON.stringify(next);
    if (at.stored) {
      // Side by side (one round trip): renewing the index's TTL is harmless even when the swap loses.
      const [swapped] = await Promise.all([
        kv.compareAndSet(cartKey(next.id), at.stored.raw, json, { ttlMs }),
        kv.expire(at.indexKey, ttlMs),
      ]);
      return swapped;
    }
    // A new cart under a fresh id nobody else knows, then the index; losing the index race discards it.
    await kv.set(cartKey(next.id), json, { ttlMs });
    if (await kv.compareAndSet(at.indexKey, at.indexedId, next.id, { ttlMs })) return true;
    await kv.del(cartKey(next.id));
    return false;
  }

  /** The caller's cart (null: none) with the read itself, which `update` may start from instead of reading again. */
  async function readOwn(ref: CartRef): Promise<CartRead> {
    const at = await locate(ref, false);
    return { cart: at?.stored?.cart ?? null, at };
  }

  return {
    ttlFor,
    read,

    /** The caller's cart; null when there is none (never creates one). */
    find: async (ref: CartRef): Promise<Cart | null> => (await readOwn(ref)).cart,
    readOwn,

    /**
     * Read, change, compare-and-set; on conflict re-read and apply the change again. `from` (a `readOwn` of the
     * same ref) saves the first read: the compare-and-set still refuses it if the cart changed since.
     */
    async update(ref: CartRef, change: CartChange, from?: CartRead): Promise<UpdateResult> {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const at = (attempt === 1 ? from?.at : null) ?? (await locate(ref, true))!;
        const current = at.stored?.cart ?? emptyCart(uuidv7(), at.owner, now());
        const next = change(current);
        if (next === null) return { cart: at.stored ? current : null, issuedToken: null };
        if (await write(at, next)) return { cart: next, issuedToken: at.issuedToken };
        options.onConflict?.();
        // Jittered, growing pause: writers that collided spread out instead of colliding again.
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
      }
      throw conflict('the cart is being changed by several requests at once; try again');
    },

    /** Replaces a cart read with `read` (no index change); false when it changed meanwhile. */
    async replace(stored: StoredCart, next: Cart): Promise<boolean> {
      const ttlMs = ttlFor(next.owner);
      return kv.compareAndSet(cartKey(next.id), stored.raw, JSON.stringify(next), { ttlMs });
    },

    /** A guest's cart by token, to merge it; null when the token names none. */
    async findGuest(token: string): Promise<(StoredCart & { indexKey: string }) | null> {
      const indexKey = guestIndexKey(hashCartToken(token));
      const cartId = await kv.get(indexKey);
      const stored = cartId ? await read(cartId) : null;
      return stored ? { ...stored, indexKey } : null;
    },

    /** Takes the guest cart away (only as read); false when it changed meanwhile. */
    async claimGuest(guest: StoredCart & { indexKey: string }): Promise<boolean> {
      if (!(await kv.compareAndDelete(cartKey(guest.cart.id), guest.raw))) return false;
      await kv.del(guest.indexKey);
      return true;
    },

    /** Puts a claimed guest cart back (a merge that failed after the claim). */
    async restoreGuest(guest: StoredCart & { indexKey: string }): Promise<void> {
      const ttlMs = options.guestTtlMs;
      await kv.set(cartKey(guest.cart.id), guest.raw, { ttlMs, onlyIfAbsent: true });
      await kv.set(guest.indexKey, guest.cart.id, { ttlMs, onlyIfAbsent: true });
    },
  };
}

export type CartStore = ReturnType<typeof createCartStore>;
