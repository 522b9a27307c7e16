// One behaviour suite for every KeyValueStore adapter (Redis and in-memory), so both keep Redis semantics.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for.ts';
import type { KeyValueStore } from './kv.ts';

export interface KvHarness {
  /** A store whose keys all live under keyPrefix. */
  open(keyPrefix: string): Promise<KeyValueStore>;
  /** Deletes every key under keyPrefix (the test's leftovers). */
  purge(keyPrefix: string): Promise<void>;
}

export function describeKvContract(name: string, harness: KvHarness): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    const opened: { kv: KeyValueStore; prefix: string }[] = [];
    let kv: KeyValueStore;
    const open = async () => {
      const prefix = `kvtest:${randomUUID()}:`;
      const store = await harness.open(prefix);
      opened.push({ kv: store, prefix });
      return store;
    };

    beforeEach(async () => {
      kv = await open();
    });
    afterEach(async () => {
      for (const { kv: store, prefix } of opened.splice(0)) {
        await store.close();
        await harness.purge(prefix);
      }
    });

    it('reads back what it wrote, null for a missing key, and overwrites', async () => {
      expect(await kv.get('missing')).toBeNull();
      expect(await kv.set('a', 'one')).toBe(true);
      expect(await kv.get('a')).toBe('one');
      expect(await kv.set('a', 'two')).toBe(true);
      expect(await kv.get('a')).toBe('two');
    });

    it('mget returns values in key order with null for missing keys', async () => {
      await kv.set('x', '1');
      await kv.set('z', '3');
      expect(await kv.mget(['x', 'y', 'z'])).toEqual(['1', null, '3']);
      expect(await kv.mget([])).toEqual([]);
    });

    it('onlyIfAbsent writes once and leaves an existing value alone', async () => {
      expect(await kv.set('lock', 'first', { onlyIfAbsent: true })).toBe(true);
      expect(await kv.set('lock', 'second', { onlyIfAbsent: true, ttlMs: 60_000 })).toBe(false);
      expect(await kv.get('lock')).toBe('first');
      expect(await kv.ttl('lock')).toBe(-1);
    });

    it('ttl is -2 for a missing key, -1 without expiry, else the remaining ms', async () => {
      expect(await kv.ttl('nothing')).toBe(-2);
      await kv.set('forever', 'v');
      expect(await kv.ttl('forever')).toBe(-1);
      await kv.set('soon', 'v', { ttlMs: 60_000 });
      const remaining = await kv.ttl('soon');
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(60_000);
    });

    it('expires keys written with ttlMs, after which onlyIfAbsent succeeds again', async () => {
      await kv.set('short', 'v', { ttlMs: 40, onlyIfAbsent: true });
      await waitFor(async () => (await kv.get('short')) === null, { description: 'key to expire' });
      expect(await kv.ttl('short')).toBe(-2);
      expect(await kv.mget(['short'])).toEqual([null]);
      expect(await kv.set('short', 'again', { onlyIfAbsent: true })).toBe(true);
    });

    it('a plain set clears an earlier ttl, as SET does', async () => {
      await kv.set('k', 'v', { ttlMs: 60_000 });
      await kv.set('k', 'w');
      expect(await kv.ttl('k')).toBe(-1);
    });

    it('rejects a ttlMs that is not a positive integer', async () => {
      await expect(kv.set('k', 'v', { ttlMs: 0 })).rejects.toThrow();
      await expect(kv.set('k', 'v', { ttlMs: 1.5 })).rejects.toThrow();
      expect(await kv.get('k')).toBeNull();
    });

    it('incrBy counts from 0, goes negative, and keeps the ttl', async () => {
      expect(await kv.incrBy('n', 5)).toBe(5);
      expect(await kv.incrBy('n', -7)).toBe(-2);
      expect(await kv.get('n')).toBe('-2');
      await kv.expire('n', 60_000);
      expect(await kv.incrBy('n', 1)).toBe(-1);
      expect(await kv.ttl('n')).toBeGreaterThan(0);
    });

    it('incrBy on a value that is not an integer throws and changes nothing', async () => {
      await kv.set('word', 'abc');
      await kv.set('float', '1.5');
      await kv.set('padded', '07');
      for (const key of ['word', 'float', 'padded']) {
        await expect(kv.incrBy(key, 1)).rejects.toThrow(/not an integer/);
      }
      await expect(kv.incrBy('n', 1.5)).rejects.toThrow(/not an integer/);
      expect(await kv.mget(['word', 'float', 'padded', 'n'])).toEqual(['abc', '1.5', '07', null]);
    });

    it('expire sets a ttl on an existing key only, and a non-positive ttl deletes it', async () => {
      expect(await kv.expire('ghost', 1000)).toBe(false);
      await kv.set('k', 'v');
      expect(await kv.expire('k', 60_000)).toBe(true);
      expect(await kv.ttl('k')).toBeGreaterThan(0);
      expect(await kv.expire('k', 0)).toBe(true);
      expect(await kv.get('k')).toBeNull();
    });

    it('del removes the given keys and counts only those that existed', async () => {
      await kv.set('a', '1');
      await kv.set('b', '2');
      expect(await kv.del('a', 'b', 'c')).toBe(2);
      expect(await kv.mget(['a', 'b'])).toEqual([null, null]);
      expect(await kv.del()).toBe(0);
    });

    it('keeps stores with different key prefixes apart', async () => {
      const other = await open();
      await kv.set('shared-name', 'mine');
      expect(await other.get('shared-name')).toBeNull();
      await other.set('shared-name', 'theirs');
      expect(await kv.get('shared-name')).toBe('mine');
    });

    it('compareAndSet writes only over the expected value (or absence), with a TTL when given', async () => {
      expect(await kv.compareAndSet('cas', 'v0', 'v1')).toBe(false);
      expect(await kv.get('cas')).toBeNull();
      expect(await kv.compareAndSet('cas', null, 'v1', { ttlMs: 60_000 })).toBe(true);
      expect(await kv.compareAndSet('cas', null, 'v1b')).toBe(false);
      expect(await kv.compareAndSet('cas', 'stale', 'v2')).toBe(false);
      expect(await kv.get('cas')).toBe('v1');
      expect(await kv.ttl('cas')).toBeGreaterThan(0);
      expect(await kv.compareAndSet('cas', 'v1', 'v2')).toBe(true);
      expect(await kv.get('cas')).toBe('v2');
      expect(await kv.ttl('cas')).toBe(-1);
    });

    it('compareAndSet lets exactly one of many concurrent writers with the same expectation win', async () => {
      await kv.set('race', 'start');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => kv.compareAndSet('race', 'start', `writer-${i}`)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await kv.get('race')).toBe(`writer-${results.indexOf(true)}`);
    });

    it('compareAndDelete removes only the expected value', async () => {
      await kv.set('cad', 'mine');
      expect(await kv.compareAndDelete('cad', 'theirs')).toBe(false);
      expect(await kv.get('cad')).toBe('mine');
      expect(await kv.compareAndDelete('cad', 'mine')).toBe(true);
      expect(await kv.get('cad')).toBeNull();
      expect(await kv.compareAndDelete('cad', 'mine')).toBe(false);
    });

    it('answers ping', async () => {
      await expect(kv.ping()).resolves.toBeUndefined();
    });
  });
}
