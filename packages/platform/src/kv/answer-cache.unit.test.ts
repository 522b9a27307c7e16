// Specifications of the answer cache on the in-memory store: misses load and store, hits do not load, a bump of a
// generation retires exactly the answers under it, and a failing store answers from the loader.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging.ts';
import { type CacheLookupResult, createAnswerCache } from './answer-cache.ts';
import type { KeyValueStore } from './kv.ts';
import { createMemoryKv } from './memory-kv.ts';

const logger = createLogger('answer-cache-test', 'silent');

function setup(kv: KeyValueStore = createMemoryKv()) {
  const lookups: string[] = [];
  const cache = createAnswerCache({
    kv,
    logger,
    name: 'test',
    ttlMs: 60_000,
    onLookup: (label: string, result: CacheLookupResult) => lookups.push(`${label}:${result}`),
  });
  let loads = 0;
  const ask = (label: string, generations: string[], subject: unknown, bypass = false) =>
    cache.answer({ label, generations, subject, bypass }, async () => ({ n: ++loads, subject }));
  return { cache, lookups, ask, loads: () => loads };
}

describe('an answer cache', () => {
  it('loads on a miss, then answers the same subject from the store', async () => {
    const { ask, lookups, loads } = setup();
    expect(await ask('list', ['g:all'], { page: 1 })).toEqual({ n: 1, subject: { page: 1 } });
    expect(await ask('list', ['g:all'], { page: 1 })).toEqual({ n: 1, subject: { page: 1 } });
    expect(await ask('list', ['g:all'], { page: 2 })).toEqual({ n: 2, subject: { page: 2 } });
    expect(loads()).toBe(2);
    expect(lookups).toEqual(['list:miss', 'list:hit', 'list:miss']);
  });

  it('a bump retires the answers under that generation only', async () => {
    const { ask, cache, loads } = setup();
    await ask('a', ['g:1'], 'x');
    await ask('b', ['g:2'], 'x');
    await cache.bump(['g:1']);
    await ask('a', ['g:1'], 'x');
    await ask('b', ['g:2'], 'x');
    expect(loads()).toBe(3);
  });

  it('bypass loads afresh and stores it for the next reader', async () => {
    const { ask } = setup();
    await ask('a', ['g'], 'x');
    expect(await ask('a', ['g'], 'x', true)).toMatchObject({ n: 2 });
    expect(await ask('a', ['g'], 'x')).toMatchObject({ n: 2 });
  });

  it('a failing store answers from the loader every time and counts an error', async () => {
    const broken = createMemoryKv();
    broken.mget = async () => {
      throw new Error('down');
    };
    const { ask, lookups, cache } = setup(broken);
    expect(await ask('a', ['g'], 'x')).toMatchObject({ n: 1 });
    expect(await ask('a', ['g'], 'x')).toMatchObject({ n: 2 });
    expect(lookups).toEqual(['a:error', 'a:error']);
    await expect(cache.bump(['g'])).resolves.toBeUndefined();
  });
});
